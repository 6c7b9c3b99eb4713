#include <gtest/gtest.h>

#include <string>

#include "staging/staging.hpp"

namespace msync::staging {
namespace {

core::Timestamp at(const char* iso) { return core::parse_iso8601(iso).value(); }

TEST(StagedName, WindowNameCarriesTheExactMarketoBounds) {
  auto name = window_file_name(at("2024-01-01T00:00:00Z"), at("2024-01-07T23:59:59Z"),
                               "ce45a7a1-f19d-4ce2-882c-a3c795940a7d", csv::Format::csv);
  ASSERT_TRUE(name.ok()) << name.error().message;
  EXPECT_EQ(*name, "20240101T000000Z_20240107T235959Z_ce45a7a1-f19d-4ce2-882c-a3c795940a7d.csv");
  EXPECT_EQ(manifest_file_name(*name),
            "20240101T000000Z_20240107T235959Z_ce45a7a1-f19d-4ce2-882c-a3c795940a7d.csv"
            ".manifest.json");
}

TEST(StagedName, SnapshotNamesItsRunTime) {
  auto name = snapshot_file_name(at("2024-05-02T03:04:05Z"), "abc_123", csv::Format::tsv);
  ASSERT_TRUE(name.ok());
  EXPECT_EQ(*name, "20240502T030405Z_abc_123.tsv");
  EXPECT_EQ(*snapshot_file_name(at("2024-05-02T03:04:05Z"), "x", csv::Format::ssv),
            "20240502T030405Z_x.ssv");
}

TEST(StagedName, RefusesIdsThatCouldEscapeTheDirectory) {
  const std::string nul("a\0b", 3);
  for (std::string_view id : {std::string_view(""), std::string_view(".."), std::string_view("../x"),
                              std::string_view("a/b"), std::string_view("/etc"),
                              std::string_view(nul), std::string_view("a.b"),
                              std::string_view("a b"), std::string_view("é"),
                              std::string_view("a\nb")}) {
    auto name = window_file_name(at("2024-01-01T00:00:00Z"), at("2024-01-01T00:00:00Z"), id,
                                 csv::Format::csv);
    EXPECT_FALSE(name.ok()) << "accepted '" << id << "'";
    if (!name.ok()) {
      EXPECT_NE(name.error().message.find("exportId"), std::string::npos);
      EXPECT_EQ(name.error().message.find('\0'), std::string::npos);  // never echoed raw
      EXPECT_EQ(name.error().message.find('\n'), std::string::npos);
    }
    EXPECT_FALSE(snapshot_file_name(at("2024-01-01T00:00:00Z"), id, csv::Format::csv).ok());
  }
  EXPECT_FALSE(validate_name_part("sync name", std::string(129, 'a')).ok());
  EXPECT_TRUE(validate_name_part("sync name", std::string(128, 'a')).ok());
  EXPECT_TRUE(validate_name_part("sync name", "leads_created-2").ok());
}

TEST(StagedName, FileNamesMayHoldDotsButNotEscape) {
  EXPECT_TRUE(validate_file_name("20240101T000000Z_x.csv").ok());
  EXPECT_FALSE(validate_file_name("").ok());
  EXPECT_FALSE(validate_file_name(".hidden").ok());
  EXPECT_FALSE(validate_file_name("a..b").ok());
  EXPECT_FALSE(validate_file_name("a/b.csv").ok());
  EXPECT_FALSE(validate_file_name(std::string("a\0.csv", 6)).ok());
}

}  // namespace
}  // namespace msync::staging
