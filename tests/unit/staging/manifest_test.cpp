#include <gtest/gtest.h>

#include <rapidjson/document.h>

#include "staging/staging.hpp"

namespace msync::staging {
namespace {

core::Timestamp at(const char* iso) { return core::parse_iso8601(iso).value(); }

Manifest window_manifest() {
  Manifest m;
  m.sync = "leads_created";
  m.entity = "leads";
  m.file = "20240101T000000Z_20240107T235959Z_ab-12.csv";
  m.filter = {"createdAt", at("2024-01-01T00:00:00Z"), at("2024-01-07T23:59:59Z"), ""};
  m.export_id = "ab-12";
  m.format = csv::Format::csv;
  m.fields = {"id", "email"};
  m.column_headers = {"Marketo Id", "email"};
  m.records = 2;
  m.bytes = 40;
  m.sha256 = "sha256:00ff";
  m.staged_at = at("2024-01-08T00:20:00Z");
  return m;
}

TEST(Manifest, RendersEveryField) {
  const std::string json = render_manifest(window_manifest());
  rapidjson::Document doc;
  doc.Parse(json.c_str());
  ASSERT_FALSE(doc.HasParseError());
  EXPECT_EQ(doc["manifestVersion"].GetInt(), kManifestVersion);
  EXPECT_STREQ(doc["sync"].GetString(), "leads_created");
  EXPECT_STREQ(doc["entity"].GetString(), "leads");
  EXPECT_STREQ(doc["filter"]["type"].GetString(), "createdAt");
  EXPECT_STREQ(doc["filter"]["startAt"].GetString(), "2024-01-01T00:00:00Z");
  EXPECT_STREQ(doc["filter"]["endAt"].GetString(), "2024-01-07T23:59:59Z");
  EXPECT_STREQ(doc["exportId"].GetString(), "ab-12");
  EXPECT_STREQ(doc["format"].GetString(), "csv");
  EXPECT_EQ(doc["fields"].Size(), 2u);
  EXPECT_STREQ(doc["columnHeaders"][0].GetString(), "Marketo Id");
  EXPECT_EQ(doc["records"].GetUint64(), 2u);
  EXPECT_EQ(doc["bytes"].GetUint64(), 40u);
  EXPECT_STREQ(doc["sha256"].GetString(), "sha256:00ff");
  EXPECT_STREQ(doc["compression"].GetString(), "none");
  EXPECT_STREQ(doc["nullMarker"].GetString(), "null");
  EXPECT_STREQ(doc["stagedAt"].GetString(), "2024-01-08T00:20:00Z");
}

TEST(Manifest, RoundTrips) {
  const Manifest m = window_manifest();
  auto parsed = parse_manifest(render_manifest(m));
  ASSERT_TRUE(parsed.ok()) << parsed.error().message;
  EXPECT_EQ(*parsed, m);
}

TEST(Manifest, CompressedFileKeepsRawSizeAndChecksumBesideItsStoredSize) {
  Manifest m = window_manifest();
  m.file += ".zst";
  m.compression = Compression::zstd;
  m.stored_bytes = 31;
  const std::string json = render_manifest(m);
  rapidjson::Document doc;
  doc.Parse(json.c_str());
  ASSERT_FALSE(doc.HasParseError());
  EXPECT_STREQ(doc["compression"].GetString(), "zstd");
  EXPECT_EQ(doc["storedBytes"].GetUint64(), 31u);
  EXPECT_EQ(doc["bytes"].GetUint64(), 40u);
  auto parsed = parse_manifest(json);
  ASSERT_TRUE(parsed.ok()) << parsed.error().message;
  EXPECT_EQ(*parsed, m);
}

TEST(Manifest, WithoutCompressionFieldsReadsAsUncompressed) {
  Manifest m = window_manifest();
  std::string json = render_manifest(m);
  for (const std::string key : {"compression", "storedBytes"}) {
    const auto at_key = json.find("\"" + key + "\"");
    ASSERT_NE(at_key, std::string::npos);
    json.erase(json.rfind('\n', at_key), json.find('\n', at_key) - json.rfind('\n', at_key));
  }
  auto parsed = parse_manifest(json);
  ASSERT_TRUE(parsed.ok()) << parsed.error().message << "\n" << json;
  EXPECT_EQ(parsed->compression, Compression::none);
  EXPECT_EQ(parsed->stored_bytes, m.bytes);
  json.replace(json.find("\"sha256\""), 0, "\"compression\": \"lz4\",\n");
  auto refused = parse_manifest(json);
  ASSERT_FALSE(refused.ok());
  EXPECT_NE(refused.error().message.find("compression"), std::string::npos);
}

TEST(Manifest, ListFiltersCarryAValueAndIdsStayNumbers) {
  Manifest m = window_manifest();
  m.filter = {"staticListId", std::nullopt, std::nullopt, "1234"};
  const std::string json = render_manifest(m);
  rapidjson::Document doc;
  doc.Parse(json.c_str());
  EXPECT_EQ(doc["filter"]["value"].GetUint64(), 1234u);
  EXPECT_FALSE(doc["filter"].HasMember("startAt"));
  EXPECT_EQ(parse_manifest(json)->filter, m.filter);

  m.filter = {"staticListName", std::nullopt, std::nullopt, "VIP \"gold\""};
  auto parsed = parse_manifest(render_manifest(m));
  ASSERT_TRUE(parsed.ok());
  EXPECT_EQ(parsed->filter.value, "VIP \"gold\"");
}

TEST(Manifest, MissingColumnHeadersDefaultToFields) {
  Manifest m = window_manifest();
  m.column_headers.clear();
  EXPECT_EQ(parse_manifest(render_manifest(m))->column_headers, m.fields);
}

TEST(Manifest, RejectsBrokenInput) {
  EXPECT_FALSE(parse_manifest("not json").ok());
  EXPECT_FALSE(parse_manifest("{}").ok());
  EXPECT_FALSE(parse_manifest(R"({"manifestVersion": 99})").ok());
}

}  // namespace
}  // namespace msync::staging
