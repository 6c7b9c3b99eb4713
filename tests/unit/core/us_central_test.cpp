#include <gtest/gtest.h>

#include "core/core.hpp"

using namespace msync::core;
using namespace std::chrono;

TEST(UsCentral, OffsetFollowsDaylightTime) {
  EXPECT_EQ(us_central_offset(sys_days{2026y / January / 15}), Seconds{-6 * 3600});
  EXPECT_EQ(us_central_offset(sys_days{2026y / July / 15}), Seconds{-5 * 3600});
  // 2026: DST from 8 March 08:00 UTC to 1 November 07:00 UTC.
  EXPECT_EQ(us_central_offset(sys_days{2026y / March / 8} + 7h + 59min + 59s), Seconds{-6 * 3600});
  EXPECT_EQ(us_central_offset(sys_days{2026y / March / 8} + 8h), Seconds{-5 * 3600});
  EXPECT_EQ(us_central_offset(sys_days{2026y / November / 1} + 6h + 59min + 59s), Seconds{-5 * 3600});
  EXPECT_EQ(us_central_offset(sys_days{2026y / November / 1} + 7h), Seconds{-6 * 3600});
}

TEST(UsCentral, NextMidnightInWinterAndSummer) {
  EXPECT_EQ(next_us_central_midnight(sys_days{2026y / January / 15} + 12h),
            Timestamp{sys_days{2026y / January / 16} + 6h});
  EXPECT_EQ(next_us_central_midnight(sys_days{2026y / July / 15} + 12h),
            Timestamp{sys_days{2026y / July / 16} + 5h});
  // Just before and exactly at midnight.
  EXPECT_EQ(next_us_central_midnight(sys_days{2026y / January / 16} + 5h + 59min + 59s),
            Timestamp{sys_days{2026y / January / 16} + 6h});
  EXPECT_EQ(next_us_central_midnight(sys_days{2026y / January / 16} + 6h),
            Timestamp{sys_days{2026y / January / 17} + 6h});
}

TEST(UsCentral, TransitionDays) {
  // Spring forward: 8 March 2026 starts at 06:00 UTC (CST) and 9 March at 05:00 UTC (CDT).
  EXPECT_EQ(us_central_day_start(sys_days{2026y / March / 8} + 20h), Timestamp{sys_days{2026y / March / 8} + 6h});
  EXPECT_EQ(next_us_central_midnight(sys_days{2026y / March / 8} + 20h),
            Timestamp{sys_days{2026y / March / 9} + 5h});
  // Fall back: 1 November 2026 starts at 05:00 UTC (CDT) and 2 November at 06:00 UTC (CST).
  EXPECT_EQ(us_central_day_start(sys_days{2026y / November / 1} + 20h),
            Timestamp{sys_days{2026y / November / 1} + 5h});
  EXPECT_EQ(next_us_central_midnight(sys_days{2026y / November / 1} + 20h),
            Timestamp{sys_days{2026y / November / 2} + 6h});
}
