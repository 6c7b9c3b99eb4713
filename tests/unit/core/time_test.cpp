#include <gtest/gtest.h>

#include "core/core.hpp"

using namespace msync::core;
using namespace std::chrono;

TEST(Iso8601, FormatsExtendedAndBasic) {
  const Timestamp t = sys_days{2024y / February / 29} + 13h + 5min + 9s;
  EXPECT_EQ(format_iso8601(t), "2024-02-29T13:05:09Z");
  EXPECT_EQ(format_iso8601_basic(t), "20240229T130509Z");
}

TEST(Iso8601, ParsesZuluAndOffsets) {
  EXPECT_EQ(parse_iso8601("2017-01-21T11:47:30-08:00"),
            Timestamp{sys_days{2017y / January / 21} + 19h + 47min + 30s});
  EXPECT_EQ(parse_iso8601("2019-06-04T23:35:43Z"),
            Timestamp{sys_days{2019y / June / 4} + 23h + 35min + 43s});
  EXPECT_EQ(parse_iso8601("2019-06-04T23:35:43+01:30"),
            Timestamp{sys_days{2019y / June / 4} + 22h + 5min + 43s});
}

TEST(Iso8601, RoundTrips) {
  for (auto t : {Timestamp{}, Timestamp{sys_days{1999y / December / 31} + 23h + 59min + 59s}}) {
    EXPECT_EQ(parse_iso8601(format_iso8601(t)), t);
  }
}

TEST(Iso8601, RejectsMalformed) {
  for (const char* bad : {"", "2024-01-01", "2024-01-01T00:00:00", "2024-13-01T00:00:00Z",
                          "2023-02-29T00:00:00Z", "2024-01-01T24:00:00Z", "2024-01-01T00:00:00Zx",
                          "2024-01-01 00:00:00Z", "2024-01-01T00:00:00+0100", "x024-01-01T00:00:00Z"}) {
    EXPECT_FALSE(parse_iso8601(bad)) << bad;
  }
}

TEST(Iso8601, FractionOnlyWhenAllowed) {
  EXPECT_FALSE(parse_iso8601("2024-01-01T00:00:00.123Z"));
  EXPECT_EQ(parse_iso8601("2024-01-01T00:00:00.123Z", true), Timestamp{sys_days{2024y / January / 1}});
  EXPECT_FALSE(parse_iso8601("2024-01-01T00:00:00.Z", true));
}
