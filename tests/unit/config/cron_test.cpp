#include <gtest/gtest.h>

#include "config/config.hpp"

namespace msync::config {
namespace {

core::Timestamp at(std::string_view iso) { return *core::parse_iso8601(iso); }

std::string next(std::string_view expression, std::string_view after) {
  auto cron = Cron::parse(expression);
  EXPECT_TRUE(cron.ok()) << (cron.ok() ? "" : cron.error().message);
  if (!cron.ok()) return "";
  return core::format_iso8601(cron->next_after(at(after)));
}

struct Invalid {
  std::string expression;
  std::size_t column;
  std::string message_part;
};

TEST(Cron, EveryHourAtMinute15) {
  EXPECT_EQ(next("15 * * * *", "2025-03-10T10:00:00Z"), "2025-03-10T10:15:00Z");
  EXPECT_EQ(next("15 * * * *", "2025-03-10T10:14:59Z"), "2025-03-10T10:15:00Z");
}

TEST(Cron, StrictlyAfterEvenOnAMatchingMinute) {
  EXPECT_EQ(next("15 * * * *", "2025-03-10T10:15:00Z"), "2025-03-10T11:15:00Z");
  EXPECT_EQ(next("15 10 * * *", "2025-03-10T10:15:30Z"), "2025-03-11T10:15:00Z");
}

TEST(Cron, StepsRangesAndLists) {
  EXPECT_EQ(next("*/20 * * * *", "2025-03-10T10:41:00Z"), "2025-03-10T11:00:00Z");
  EXPECT_EQ(next("10-30/10 * * * *", "2025-03-10T10:21:00Z"), "2025-03-10T10:30:00Z");
  EXPECT_EQ(next("10-30/10 * * * *", "2025-03-10T10:30:00Z"), "2025-03-10T11:10:00Z");
  EXPECT_EQ(next("5,50 3,23 * * *", "2025-03-10T03:06:00Z"), "2025-03-10T03:50:00Z");
  EXPECT_EQ(next("5,50 3,23 * * *", "2025-03-10T03:51:00Z"), "2025-03-10T23:05:00Z");
  EXPECT_EQ(next("45/5 * * * *", "2025-03-10T10:56:00Z"), "2025-03-10T11:45:00Z");
}

TEST(Cron, MonthAndYearEdges) {
  // 31 skips the months that lack it.
  EXPECT_EQ(next("0 0 31 * *", "2025-01-31T00:00:00Z"), "2025-03-31T00:00:00Z");
  EXPECT_EQ(next("0 0 1 1 *", "2025-06-15T12:00:00Z"), "2026-01-01T00:00:00Z");
  EXPECT_EQ(next("59 23 31 12 *", "2025-12-31T23:59:00Z"), "2026-12-31T23:59:00Z");
  EXPECT_EQ(next("0 0 1 * *", "2025-12-31T23:59:59Z"), "2026-01-01T00:00:00Z");
  // 29 February only in leap years, and 2100 is not one.
  EXPECT_EQ(next("0 0 29 2 *", "2025-01-01T00:00:00Z"), "2028-02-29T00:00:00Z");
  EXPECT_EQ(next("0 0 29 2 *", "2096-03-01T00:00:00Z"), "2104-02-29T00:00:00Z");
}

TEST(Cron, DayOfWeekSevenAndZeroAreSunday) {
  // 2025-03-09 is a Sunday.
  EXPECT_EQ(next("0 12 * * 7", "2025-03-05T00:00:00Z"), "2025-03-09T12:00:00Z");
  EXPECT_EQ(next("0 12 * * 0", "2025-03-05T00:00:00Z"), "2025-03-09T12:00:00Z");
  EXPECT_EQ(next("0 12 * * 1-5", "2025-03-07T13:00:00Z"), "2025-03-10T12:00:00Z");
  EXPECT_EQ(next("0 12 * * 6-7", "2025-03-03T00:00:00Z"), "2025-03-08T12:00:00Z");
}

TEST(Cron, RestrictedDayFieldsMatchEither) {
  // Day 13 OR a Friday: 2025-06-06 is a Friday, before the 13th.
  EXPECT_EQ(next("0 0 13 * 5", "2025-06-01T00:00:00Z"), "2025-06-06T00:00:00Z");
  EXPECT_EQ(next("0 0 13 * 5", "2025-06-10T00:00:00Z"), "2025-06-13T00:00:00Z");
  // A starred day-of-week leaves only the day of month: the 13th, whatever its weekday.
  EXPECT_EQ(next("0 0 13 * *", "2025-06-01T00:00:00Z"), "2025-06-13T00:00:00Z");
  // A day-of-month starting with '*' (even with a step) ANDs with the weekday (Vixie cron): the
  // odd days that are Mondays. 2 June is a Monday but even; 9 June is both.
  EXPECT_EQ(next("0 0 */2 * 1", "2025-06-01T00:00:00Z"), "2025-06-09T00:00:00Z");
  EXPECT_EQ(next("0 0 * * 1", "2025-06-01T00:00:00Z"), "2025-06-02T00:00:00Z");
}

TEST(Cron, KeepsItsTextTrimmed) {
  auto cron = Cron::parse("  15 *  * * *  ");
  ASSERT_TRUE(cron.ok());
  EXPECT_EQ(cron->text(), "15 *  * * *");
}

TEST(Cron, RejectsInvalidFieldsWithTheirColumn) {
  const std::vector<Invalid> cases{
      {"60 * * * *", 1, "minute: 60 is out of range 0-59"},
      {"* 24 * * *", 3, "hour: 24 is out of range 0-23"},
      {"* * 0 * *", 5, "day-of-month: 0 is out of range 1-31"},
      {"* * * 13 *", 7, "month: 13 is out of range 1-12"},
      {"* * * * 8", 9, "day-of-week: 8 is out of range 0-7"},
      {"* * * *", 1, "expected 5 fields"},
      {"* * * * * *", 11, "expected 5 fields"},
      {"", 1, "expected 5 fields"},
      {"30-10 * * * *", 1, "range 30-10 runs backwards"},
      {"*/0 * * * *", 3, "minute: 0 is out of range 1-59"},
      {"x * * * *", 1, "expected a number"},
      {"1,,2 * * * *", 3, "expected a number"},
      {"1, * * * *", 3, "expected a number"},
      {"0 0 1-5/x * *", 9, "day-of-month: expected a number"},
      {"*-5 * * * *", 1, "expected a number"},
      {"-5 * * * *", 1, "expected a number"},
      {"0 0 30 2 *", 5, "no such day in the given months"},
      {"0 0 31 4,6,9,11 *", 5, "no such day in the given months"},
  };
  for (const auto& c : cases) {
    std::size_t column = 0;
    auto cron = Cron::parse(c.expression, &column);
    ASSERT_FALSE(cron.ok()) << c.expression;
    EXPECT_EQ(column, c.column) << c.expression;
    EXPECT_NE(cron.error().message.find(c.message_part), std::string::npos)
        << c.expression << " -> " << cron.error().message;
    EXPECT_TRUE(cron.error().message.starts_with("column " + std::to_string(c.column) + ": "))
        << cron.error().message;
  }
}

TEST(Cron, ThirtyFirstWithAWeekdayIsPossible) {
  // Restricted day-of-week makes any month possible (either field may match).
  auto cron = Cron::parse("0 0 30 2 1");
  ASSERT_TRUE(cron.ok());
  EXPECT_EQ(core::format_iso8601(cron->next_after(at("2025-01-01T00:00:00Z"))),
            "2025-02-03T00:00:00Z");
}

}  // namespace
}  // namespace msync::config
