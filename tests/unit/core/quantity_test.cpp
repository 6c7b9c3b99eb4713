#include <gtest/gtest.h>

#include "core/core.hpp"

using namespace msync::core;

TEST(Duration, ParsesEachUnit) {
  EXPECT_EQ(parse_duration("90s"), Seconds{90});
  EXPECT_EQ(parse_duration("15m"), Seconds{900});
  EXPECT_EQ(parse_duration("1h"), Seconds{3600});
  EXPECT_EQ(parse_duration("7d"), Seconds{604800});
  EXPECT_EQ(parse_duration("0s"), Seconds{0});
}

TEST(Duration, RejectsMalformed) {
  for (const char* bad : {"", "s", "10", "-1s", "1.5h", "1 h", "1w", "1hh", "99999999999999999999d"}) {
    EXPECT_FALSE(parse_duration(bad)) << bad;
  }
}

TEST(Duration, FormatsShortestExactForm) {
  EXPECT_EQ(format_duration(Seconds{604800}), "7d");
  EXPECT_EQ(format_duration(Seconds{5400}), "90m");
  EXPECT_EQ(format_duration(Seconds{90}), "90s");
  EXPECT_EQ(format_duration(Seconds{0}), "0s");
}

TEST(Size, ParsesDecimalAndBinaryUnits) {
  EXPECT_EQ(parse_size("500MB"), 500'000'000u);
  EXPECT_EQ(parse_size("10MB"), 10'000'000u);
  EXPECT_EQ(parse_size("1GiB"), 1073741824u);
  EXPECT_EQ(parse_size("12B"), 12u);
}

TEST(Size, RejectsMalformed) {
  for (const char* bad : {"", "MB", "10", "10mb", "1.5GB", "-1MB", "99999999999TB"}) {
    EXPECT_FALSE(parse_size(bad)) << bad;
  }
}
