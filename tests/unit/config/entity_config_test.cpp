// The export entities' own keys: api_name, activity_type_ids, primary_attribute_value_ids and
// program_ids, each only where its entity takes it, and each entity's filters.
#include <gmock/gmock.h>

#include "config_fixture.hpp"

namespace msync::config {
namespace {

using ::testing::ElementsAre;
using ::testing::ElementsAreArray;

std::string sync(const std::string& body) {
  return "exports:\n"          // 7
         "  - name: things\n"  // 8
         + body;               // 9...
}

TEST_F(ConfigTest, ActivitiesTakeCreatedAtAndOptionalIdsAndDefaultToTheFixedColumns) {
  const Config config = valid(head + sync("    entity: activities\n"
                                          "    filter: createdAt\n"
                                          "    start: 2024-01-01T00:00:00Z\n"
                                          "    activity_type_ids: [1, 6]\n"
                                          "    primary_attribute_value_ids: [301]\n"));
  const ExportSync& s = config.exports.at(0);
  EXPECT_EQ(s.entity, Entity::activities);
  EXPECT_THAT(s.fields, ElementsAreArray(activity_columns()));
  EXPECT_EQ(s.fields.back(), "attributes");
  EXPECT_THAT(s.activity_type_ids, ElementsAre(1, 6));
  EXPECT_THAT(s.primary_attribute_value_ids, ElementsAre(301));
  EXPECT_TRUE(std::holds_alternative<WindowedFilter>(s.filter));
}

TEST_F(ConfigTest, ProgramMembersBySnapshotOrUpdatedAt) {
  const Config snapshot = valid(head + sync("    entity: program_members\n"
                                            "    fields: [leadId, statusName]\n"
                                            "    filter: programIds\n"
                                            "    program_ids: [1001, 1002]\n"
                                            "    every: 24h\n"));
  EXPECT_TRUE(std::holds_alternative<ProgramsFilter>(snapshot.exports.at(0).filter));
  EXPECT_THAT(snapshot.exports.at(0).program_ids, ElementsAre(1001, 1002));
  const Config windows = valid(head + sync("    entity: program_members\n"
                                           "    fields: [leadId]\n"
                                           "    filter: updatedAt\n"
                                           "    start: 2024-01-01T00:00:00Z\n"
                                           "    program_ids: [1001]\n"));
  EXPECT_EQ(std::get<WindowedFilter>(windows.exports.at(0).filter).field, WindowField::updated_at);
}

TEST_F(ConfigTest, CustomObjectsNeedAnApiName) {
  const Config config = valid(head + sync("    entity: custom_objects\n"
                                          "    api_name: car_c\n"
                                          "    fields: [vin, model]\n"
                                          "    filter: updatedAt\n"
                                          "    start: 2024-01-01T00:00:00Z\n"));
  EXPECT_EQ(config.exports.at(0).api_name, "car_c");
  EXPECT_THAT(errors(head + sync("    entity: custom_objects\n"
                                 "    fields: [vin]\n"
                                 "    filter: updatedAt\n"
                                 "    start: 2024-01-01T00:00:00Z\n")),
              ElementsAre("test.yaml:8:5: missing key 'api_name' in exports[0]"));
  EXPECT_THAT(errors(head + sync("    entity: custom_objects\n"
                                 "    api_name: ../leads\n"
                                 "    fields: [vin]\n"
                                 "    filter: updatedAt\n"
                                 "    start: 2024-01-01T00:00:00Z\n")),
              ElementsAre("test.yaml:10:15: exports[0].api_name: '../leads' is not a custom object API "
                          "name (1..64 of [A-Za-z0-9_])"));
}

TEST_F(ConfigTest, EntityKeysAreRefusedWhereTheyDoNotBelong) {
  EXPECT_THAT(errors(head + sync("    entity: leads\n"
                                 "    api_name: car_c\n"
                                 "    fields: [id]\n"
                                 "    filter: createdAt\n"
                                 "    start: 2024-01-01T00:00:00Z\n"
                                 "    activity_type_ids: [1]\n"
                                 "    program_ids: [1001]\n")),
              ElementsAre("test.yaml:10:5: exports[0].api_name is only for entity custom_objects, not leads",
                          "test.yaml:14:5: exports[0].activity_type_ids is only for entity activities, not leads",
                          "test.yaml:15:5: exports[0].program_ids is only for entity program_members, not leads"));
}

TEST_F(ConfigTest, EachEntityTakesOnlyItsFilters) {
  EXPECT_THAT(errors(head + sync("    entity: activities\n"
                                 "    filter: updatedAt\n"
                                 "    start: 2024-01-01T00:00:00Z\n")),
              ElementsAre("test.yaml:10:13: exports[0].filter: entity activities takes createdAt, not updatedAt"));
  EXPECT_THAT(errors(head + sync("    entity: program_members\n"
                                 "    fields: [leadId]\n"
                                 "    filter: { staticListName: VIP }\n"
                                 "    program_ids: [1]\n")),
              ElementsAre("test.yaml:11:13: exports[0].filter: entity program_members takes programIds or "
                          "updatedAt, not staticListName"));
  EXPECT_THAT(errors(head + sync("    entity: leads\n"
                                 "    fields: [id]\n"
                                 "    filter: programIds\n")),
              ElementsAre("test.yaml:11:13: exports[0].filter: entity leads takes createdAt, updatedAt or a "
                          "list, not programIds"));
  EXPECT_THAT(errors(head + sync("    entity: program_members\n"
                                 "    fields: [leadId]\n"
                                 "    filter: programIds\n")),
              ElementsAre("test.yaml:8:5: missing key 'program_ids' in exports[0]"));
}

TEST_F(ConfigTest, IdListsAreChecked) {
  EXPECT_THAT(errors(head + sync("    entity: activities\n"
                                 "    filter: createdAt\n"
                                 "    start: 2024-01-01T00:00:00Z\n"
                                 "    activity_type_ids: [1, 0, 1]\n"
                                 "    primary_attribute_value_ids: []\n")),
              ElementsAre("test.yaml:12:28: exports[0].activity_type_ids[1]: 0 is out of range (expected "
                          "1..2147483647)",
                          "test.yaml:12:31: exports[0].activity_type_ids[2]: duplicate id 1",
                          "test.yaml:13:34: exports[0].primary_attribute_value_ids must list at least one id"));
}

}  // namespace
}  // namespace msync::config
