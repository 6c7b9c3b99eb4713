#include <gtest/gtest.h>

#include "marketo/export_request.hpp"
#include "unit/marketo/seed_bodies.hpp"

namespace msync::marketo {
namespace {

ExportSpec seed_spec() {
  ExportSpec spec;
  spec.fields = {"firstName", "lastName", "id", "email"};
  spec.format = ExportFormat::csv;
  spec.column_header_names = {{"firstName", "First Name"},
                              {"lastName", "Last Name"},
                              {"id", "Marketo Id"},
                              {"email", "Email Address"}};
  spec.filter.type = FilterType::created_at;
  spec.filter.start_at = *core::parse_iso8601("2017-01-01T00:00:00Z");
  spec.filter.end_at = *core::parse_iso8601("2017-01-31T00:00:00Z");
  return spec;
}

TEST(ExportRequest, SeedExampleExactly) {
  const auto body = create_export_body(seed_spec());
  ASSERT_TRUE(body.ok()) << body.failure().message;
  EXPECT_EQ(body.value(), testing::kSeedCreateRequest);
}

TEST(ExportRequest, ListFilters) {
  ExportSpec spec;
  spec.fields = {"id", "email"};
  spec.format = ExportFormat::tsv;
  spec.filter.type = FilterType::static_list_name;
  spec.filter.list_name = "VIP \"gold\"";
  EXPECT_EQ(create_export_body(spec).value(),
            R"({"fields":["id","email"],"format":"TSV","filter":{"staticListName":"VIP \"gold\""}})");
  spec.filter.type = FilterType::smart_list_id;
  spec.filter.list_id = 1234;
  spec.format = ExportFormat::ssv;
  EXPECT_EQ(create_export_body(spec).value(),
            R"({"fields":["id","email"],"format":"SSV","filter":{"smartListId":1234}})");
}

TEST(ExportRequest, RefusesWhatMarketoWouldRefuse) {
  auto no_fields = seed_spec();
  no_fields.fields.clear();
  no_fields.column_header_names.clear();
  auto too_long = seed_spec();
  too_long.filter.end_at = too_long.filter.start_at + std::chrono::days(32);
  auto backwards = seed_spec();
  std::swap(backwards.filter.start_at, backwards.filter.end_at);
  auto stray_header = seed_spec();
  stray_header.column_header_names.emplace_back("phone", "Phone");
  auto no_name = seed_spec();
  no_name.filter.type = FilterType::smart_list_name;
  for (const auto& spec : {no_fields, too_long, backwards, stray_header, no_name}) {
    const auto body = create_export_body(spec);
    ASSERT_FALSE(body.ok());
    EXPECT_EQ(body.failure().reason, Reason::invalid_argument);
    EXPECT_EQ(body.failure().action, Action::fail_job);
  }
  auto exactly_31 = seed_spec();
  exactly_31.filter.end_at = exactly_31.filter.start_at + std::chrono::days(31);
  EXPECT_TRUE(create_export_body(exactly_31).ok());
}

}  // namespace
}  // namespace msync::marketo
