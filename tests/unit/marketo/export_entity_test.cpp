// The entity descriptor: each bulk export's paths and the create.json bodies it takes, as
// marketo-openapi/swagger-mapi-bulk.json describes them (ExportActivityFilter,
// ExportProgramMemberFilter, ExportCustomObjectFilter).
#include <gtest/gtest.h>

#include "marketo/export_entity.hpp"
#include "marketo/export_request.hpp"

namespace msync::marketo {
namespace {

ExportSpec window_spec(EntityType type, FilterType filter) {
  ExportSpec spec;
  spec.entity.type = type;
  spec.fields = {"leadId"};
  spec.filter.type = filter;
  spec.filter.start_at = *core::parse_iso8601("2024-01-01T00:00:00Z");
  spec.filter.end_at = *core::parse_iso8601("2024-01-07T23:59:59Z");
  return spec;
}

TEST(ExportEntity, PathsFollowTheBulkApi) {
  EXPECT_EQ(export_path(ExportEntity{}), "/bulk/v1/leads/export");
  EXPECT_EQ(export_path(ExportEntity{EntityType::activities, ""}), "/bulk/v1/activities/export");
  EXPECT_EQ(export_path(ExportEntity{EntityType::program_members, ""}), "/bulk/v1/program/members/export");
  EXPECT_EQ(export_path(ExportEntity{EntityType::custom_objects, "car_c"}), "/bulk/v1/customobjects/car_c/export");
  EXPECT_EQ(label(ExportEntity{EntityType::custom_objects, "car_c"}), "custom_objects car_c");
}

TEST(ExportEntity, NamesRoundTripAndFiltersAreTheApis) {
  for (auto type : {EntityType::leads, EntityType::activities, EntityType::program_members,
                    EntityType::custom_objects})
    EXPECT_EQ(parse_entity_type(to_string(type)), type);
  EXPECT_FALSE(parse_entity_type("opportunities"));
  EXPECT_TRUE(allows(EntityType::leads, FilterType::smart_list_name));
  EXPECT_TRUE(allows(EntityType::activities, FilterType::created_at));
  EXPECT_FALSE(allows(EntityType::activities, FilterType::updated_at));
  EXPECT_TRUE(allows(EntityType::program_members, FilterType::program_ids));
  EXPECT_TRUE(allows(EntityType::program_members, FilterType::updated_at));
  EXPECT_FALSE(allows(EntityType::program_members, FilterType::created_at));
  EXPECT_TRUE(allows(EntityType::custom_objects, FilterType::updated_at));
  EXPECT_FALSE(allows(EntityType::custom_objects, FilterType::created_at));
  EXPECT_FALSE(allows(EntityType::leads, FilterType::program_ids));
}

TEST(ExportEntity, ApiNamesNeverCarryPathCharacters) {
  EXPECT_TRUE(valid_api_name("car_c"));
  EXPECT_TRUE(valid_api_name("Order2"));
  for (const char* bad : {"", "../leads", "a/b", "a b", "a%2Fb", "x?y"}) EXPECT_FALSE(valid_api_name(bad)) << bad;
  EXPECT_FALSE(valid_api_name(std::string(65, 'a')));
}

TEST(ExportRequest, ActivitiesWithTheirOptionalNarrowingAndNoFields) {
  auto spec = window_spec(EntityType::activities, FilterType::created_at);
  spec.fields.clear();
  spec.filter.activity_type_ids = {1, 6};
  spec.filter.primary_attribute_value_ids = {301};
  EXPECT_EQ(create_export_body(spec).value(),
            R"({"format":"CSV","filter":{"createdAt":{"startAt":"2024-01-01T00:00:00Z","endAt":"2024-01-07T23:59:59Z"},)"
            R"("activityTypeIds":[1,6],"primaryAttributeValueIds":[301]}})");
}

TEST(ExportRequest, ProgramMembersBySnapshotOrUpdatedAt) {
  ExportSpec snapshot;
  snapshot.entity.type = EntityType::program_members;
  snapshot.fields = {"leadId", "statusName"};
  snapshot.filter.type = FilterType::program_ids;
  snapshot.filter.program_ids = {1001, 1002};
  EXPECT_EQ(create_export_body(snapshot).value(),
            R"({"fields":["leadId","statusName"],"format":"CSV","filter":{"programIds":[1001,1002]}})");
  auto updated = window_spec(EntityType::program_members, FilterType::updated_at);
  updated.filter.program_ids = {1001};
  EXPECT_EQ(create_export_body(updated).value(),
            R"({"fields":["leadId"],"format":"CSV","filter":{"updatedAt":{"startAt":"2024-01-01T00:00:00Z",)"
            R"("endAt":"2024-01-07T23:59:59Z"},"programIds":[1001]}})");
}

TEST(ExportRequest, CustomObjectsByUpdatedAt) {
  auto spec = window_spec(EntityType::custom_objects, FilterType::updated_at);
  spec.entity.api_name = "car_c";
  spec.fields = {"vin", "model"};
  EXPECT_EQ(create_export_body(spec).value(),
            R"({"fields":["vin","model"],"format":"CSV","filter":{"updatedAt":{"startAt":"2024-01-01T00:00:00Z",)"
            R"("endAt":"2024-01-07T23:59:59Z"}}})");
}

TEST(ExportRequest, RefusesWhatTheEntityDoesNotTake) {
  auto activities_updated = window_spec(EntityType::activities, FilterType::updated_at);
  auto lead_with_types = window_spec(EntityType::leads, FilterType::created_at);
  lead_with_types.filter.activity_type_ids = {1};
  auto members_without_programs = window_spec(EntityType::program_members, FilterType::updated_at);
  auto leads_with_programs = window_spec(EntityType::leads, FilterType::created_at);
  leads_with_programs.filter.program_ids = {1};
  auto object_without_name = window_spec(EntityType::custom_objects, FilterType::updated_at);
  auto object_bad_name = window_spec(EntityType::custom_objects, FilterType::updated_at);
  object_bad_name.entity.api_name = "../leads";
  auto leads_with_name = window_spec(EntityType::leads, FilterType::created_at);
  leads_with_name.entity.api_name = "car_c";
  auto members_no_fields = window_spec(EntityType::program_members, FilterType::updated_at);
  members_no_fields.filter.program_ids = {1};
  members_no_fields.fields.clear();
  auto negative_type = window_spec(EntityType::activities, FilterType::created_at);
  negative_type.filter.activity_type_ids = {-1};
  for (const auto& spec : {activities_updated, lead_with_types, members_without_programs, leads_with_programs,
                           object_without_name, object_bad_name, leads_with_name, members_no_fields, negative_type}) {
    const auto body = create_export_body(spec);
    ASSERT_FALSE(body.ok()) << body.value();
    EXPECT_EQ(body.failure().reason, Reason::invalid_argument);
    EXPECT_EQ(body.failure().action, Action::fail_job);
  }
}

}  // namespace
}  // namespace msync::marketo
