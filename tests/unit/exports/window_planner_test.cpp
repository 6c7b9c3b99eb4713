#include <gtest/gtest.h>

#include "exports/exports.hpp"

namespace msync::exports {
namespace {

using namespace std::chrono_literals;
using core::Seconds;
using core::Timestamp;

Timestamp at(const char* iso) {
  const auto t = core::parse_iso8601(iso);
  EXPECT_TRUE(t.has_value()) << iso;
  return t.value_or(Timestamp{});
}

constexpr Seconds kDay = std::chrono::days(1);

void expect_contiguous(const std::vector<Window>& windows, Seconds max_length) {
  for (std::size_t i = 0; i < windows.size(); ++i) {
    EXPECT_LT(windows[i].start, windows[i].end) << i;
    EXPECT_LE(windows[i].length(), max_length) << i;
    if (i > 0) {
      EXPECT_EQ(windows[i - 1].end, windows[i].start) << i;
    }
  }
}

TEST(PlanIncremental, FullWindowsAlignedOnStartThenAPartialOne) {
  const IncrementalPolicy policy{at("2024-01-01T00:00:00Z"), 7 * kDay, 15min};
  auto plan = plan_incremental(policy, std::nullopt, at("2024-01-20T12:15:00Z"));
  ASSERT_TRUE(plan.ok());
  EXPECT_FALSE(plan->truncated);
  ASSERT_EQ(plan->windows.size(), 3u);
  EXPECT_EQ(plan->windows[0], (Window{at("2024-01-01T00:00:00Z"), at("2024-01-08T00:00:00Z")}));
  EXPECT_EQ(plan->windows[1], (Window{at("2024-01-08T00:00:00Z"), at("2024-01-15T00:00:00Z")}));
  // Partial: ends at now - lag.
  EXPECT_EQ(plan->windows[2], (Window{at("2024-01-15T00:00:00Z"), at("2024-01-20T12:00:00Z")}));
}

TEST(PlanIncremental, PartialWindowIsContinuedNotReplanned) {
  const IncrementalPolicy policy{at("2024-01-01T00:00:00Z"), 7 * kDay, 0s};
  auto first = plan_incremental(policy, std::nullopt, at("2024-01-10T06:00:00Z"));
  ASSERT_TRUE(first.ok());
  ASSERT_EQ(first->windows.size(), 2u);
  EXPECT_EQ(first->windows[1].end, at("2024-01-10T06:00:00Z"));

  auto second = plan_incremental(policy, first->windows.back().end, at("2024-01-23T00:00:00Z"));
  ASSERT_TRUE(second.ok());
  ASSERT_EQ(second->windows.size(), 3u);
  // Starts where the partial one ended, back on the grid at the next boundary.
  EXPECT_EQ(second->windows[0], (Window{at("2024-01-10T06:00:00Z"), at("2024-01-15T00:00:00Z")}));
  EXPECT_EQ(second->windows[1], (Window{at("2024-01-15T00:00:00Z"), at("2024-01-22T00:00:00Z")}));
  EXPECT_EQ(second->windows[2], (Window{at("2024-01-22T00:00:00Z"), at("2024-01-23T00:00:00Z")}));
}

TEST(PlanIncremental, ExactContiguityAcrossManyCalls) {
  const IncrementalPolicy policy{at("2023-11-05T00:00:00Z"), 3 * kDay, 15min};
  std::vector<Window> all;
  std::optional<Timestamp> planned_until;
  // Irregular call times, as a daemon restarted now and then would make.
  for (Timestamp now = at("2023-11-05T00:20:00Z"); now < at("2024-04-01T00:00:00Z");
       now += 37h + 11min + 7s) {
    auto plan = plan_incremental(policy, planned_until, now);
    ASSERT_TRUE(plan.ok());
    for (const Window& w : plan->windows) all.push_back(w);
    if (!plan->windows.empty()) planned_until = plan->windows.back().end;
    EXPECT_LE(planned_until.value_or(policy.start), now - policy.lag);
  }
  ASSERT_FALSE(all.empty());
  EXPECT_EQ(all.front().start, policy.start);
  expect_contiguous(all, policy.window);
}

TEST(PlanIncremental, NothingWhenLagNotElapsed) {
  const IncrementalPolicy policy{at("2024-01-01T00:00:00Z"), kDay, 1h};
  auto plan = plan_incremental(policy, at("2024-03-01T00:00:00Z"), at("2024-03-01T01:00:00Z"));
  ASSERT_TRUE(plan.ok());
  EXPECT_TRUE(plan->windows.empty());
  // Before the policy start there is nothing to export either.
  plan = plan_incremental(policy, std::nullopt, at("2023-12-31T23:00:00Z"));
  ASSERT_TRUE(plan.ok());
  EXPECT_TRUE(plan->windows.empty());
}

TEST(PlanIncremental, LagHoldsBackTheLastSecondsExactly) {
  const IncrementalPolicy policy{at("2024-01-01T00:00:00Z"), kDay, 15min};
  auto plan = plan_incremental(policy, at("2024-03-01T00:00:00Z"), at("2024-03-01T00:16:00Z"));
  ASSERT_TRUE(plan.ok());
  ASSERT_EQ(plan->windows.size(), 1u);
  EXPECT_EQ(plan->windows[0], (Window{at("2024-03-01T00:00:00Z"), at("2024-03-01T00:01:00Z")}));
}

TEST(PlanIncremental, ATailOfSecondsWaitsForTheNextPlan) {
  // A restart a second after the last plan must not ask Marketo for startAt == endAt.
  const IncrementalPolicy policy{at("2024-01-01T00:00:00Z"), kDay, 15min};
  auto plan = plan_incremental(policy, at("2024-03-01T00:00:00Z"), at("2024-03-01T00:15:01Z"));
  ASSERT_TRUE(plan.ok());
  EXPECT_TRUE(plan->windows.empty());
  // Whole windows are planned; only the short tail after them waits.
  plan = plan_incremental(policy, at("2024-02-28T00:00:00Z"), at("2024-03-01T00:15:30Z"));
  ASSERT_TRUE(plan.ok());
  ASSERT_EQ(plan->windows.size(), 2u);
  EXPECT_EQ(plan->windows.back().end, at("2024-03-01T00:00:00Z"));
  // A window shorter than the minimum is planned whole.
  const IncrementalPolicy tiny{at("2024-01-01T00:00:00Z"), core::Seconds(30), core::Seconds(0)};
  plan = plan_incremental(tiny, at("2024-03-01T00:00:00Z"), at("2024-03-01T00:01:00Z"));
  ASSERT_TRUE(plan.ok());
  EXPECT_EQ(plan->windows.size(), 2u);
}

TEST(PlanIncremental, ThirtyOneDayWindowsCrossTheLeapDay) {
  const IncrementalPolicy policy{at("2024-01-29T00:00:00Z"), 31 * kDay, 0s};
  auto plan = plan_incremental(policy, std::nullopt, at("2024-04-01T00:00:00Z"));
  ASSERT_TRUE(plan.ok());
  ASSERT_EQ(plan->windows.size(), 3u);
  // 2024 is a leap year: Jan 29 + 31 days = Feb 29, + 31 days = Mar 31.
  EXPECT_EQ(plan->windows[0].end, at("2024-02-29T00:00:00Z"));
  EXPECT_EQ(plan->windows[1], (Window{at("2024-02-29T00:00:00Z"), at("2024-03-31T00:00:00Z")}));
  EXPECT_EQ(plan->windows[0].length(), kMaxWindow);
  EXPECT_EQ(plan->windows[1].length(), kMaxWindow);
  const MarketoBounds bounds = marketo_bounds(plan->windows[0]);
  EXPECT_EQ(bounds.start_at, "2024-01-29T00:00:00Z");
  EXPECT_EQ(bounds.end_at, "2024-02-28T23:59:59Z");
  EXPECT_EQ(marketo_bounds(plan->windows[1]).start_at, "2024-02-29T00:00:00Z");
}

TEST(PlanIncremental, WindowLimits) {
  const Timestamp start = at("2024-01-01T00:00:00Z");
  EXPECT_TRUE(plan_incremental({start, kMaxWindow, 0s}, std::nullopt, start + 40 * kDay).ok());
  EXPECT_FALSE(plan_incremental({start, kMaxWindow + 1s, 0s}, std::nullopt, start).ok());
  EXPECT_FALSE(plan_incremental({start, 0s, 0s}, std::nullopt, start).ok());
  EXPECT_FALSE(plan_incremental({start, -1s, 0s}, std::nullopt, start).ok());
  EXPECT_FALSE(plan_incremental({start, kDay, -1s}, std::nullopt, start).ok());
}

TEST(PlanIncremental, YearsInThePastAreCappedPerCall) {
  const IncrementalPolicy policy{at("1996-01-01T00:00:00Z"), 1s, 0s};
  const Timestamp now = at("2026-01-01T00:00:00Z");
  auto plan = plan_incremental(policy, std::nullopt, now);
  ASSERT_TRUE(plan.ok());
  EXPECT_TRUE(plan->truncated);
  ASSERT_EQ(plan->windows.size(), kMaxWindowsPerPlan);
  expect_contiguous(plan->windows, 1s);
  auto next = plan_incremental(policy, plan->windows.back().end, now);
  ASSERT_TRUE(next.ok());
  EXPECT_TRUE(next->truncated);
  EXPECT_EQ(next->windows.front().start, plan->windows.back().end);

  // A sane policy over the same years is not cut short: 30 years of 31-day windows.
  auto monthly = plan_incremental({policy.start, kMaxWindow, 15min}, std::nullopt, now);
  ASSERT_TRUE(monthly.ok());
  EXPECT_FALSE(monthly->truncated);
  EXPECT_EQ(monthly->windows.size(), 354u);  // ceil(10958 days / 31)
  expect_contiguous(monthly->windows, kMaxWindow);
  EXPECT_EQ(monthly->windows.back().end, now - 15min);
}

TEST(PlanIncremental, PlannedUntilBeforeStartBeginsAtStart) {
  const IncrementalPolicy policy{at("2024-01-01T00:00:00Z"), kDay, 0s};
  auto plan = plan_incremental(policy, at("2023-06-01T00:00:00Z"), at("2024-01-02T00:00:00Z"));
  ASSERT_TRUE(plan.ok());
  ASSERT_EQ(plan->windows.size(), 1u);
  EXPECT_EQ(plan->windows[0].start, policy.start);
}

TEST(PlanIncremental, DaylightSavingChangesNothingInUtc) {
  // US clocks went back on 2024-11-03 and Europe's on 2024-10-27; UTC days stay 86400 s.
  const IncrementalPolicy policy{at("2024-10-26T00:00:00Z"), kDay, 0s};
  auto plan = plan_incremental(policy, std::nullopt, at("2024-11-05T00:00:00Z"));
  ASSERT_TRUE(plan.ok());
  ASSERT_EQ(plan->windows.size(), 10u);
  for (const Window& w : plan->windows) {
    EXPECT_EQ(w.length(), kDay);
    EXPECT_EQ(marketo_bounds(w).start_at.substr(10), "T00:00:00Z");
    EXPECT_EQ(marketo_bounds(w).end_at.substr(10), "T23:59:59Z");
  }
}

TEST(PlanBackfill, SplitsIntoWindowsOfAtMost31Days) {
  auto plan = plan_backfill(at("2024-01-01T00:00:00Z"), at("2024-04-15T12:00:00Z"), 90 * kDay);
  ASSERT_TRUE(plan.ok());
  EXPECT_FALSE(plan->truncated);
  ASSERT_EQ(plan->windows.size(), 4u);
  expect_contiguous(plan->windows, kMaxWindow);
  EXPECT_EQ(plan->windows[0], (Window{at("2024-01-01T00:00:00Z"), at("2024-02-01T00:00:00Z")}));
  EXPECT_EQ(plan->windows[3], (Window{at("2024-04-03T00:00:00Z"), at("2024-04-15T12:00:00Z")}));
}

TEST(PlanBackfill, RespectsASmallerWindowAndRejectsEmptyRanges) {
  auto plan = plan_backfill(at("2024-02-28T00:00:00Z"), at("2024-03-02T00:00:00Z"), kDay);
  ASSERT_TRUE(plan.ok());
  ASSERT_EQ(plan->windows.size(), 3u);  // Feb 28, Feb 29, Mar 1
  EXPECT_EQ(plan->windows[1].start, at("2024-02-29T00:00:00Z"));
  EXPECT_FALSE(plan_backfill(at("2024-03-02T00:00:00Z"), at("2024-03-02T00:00:00Z"), kDay).ok());
  EXPECT_FALSE(plan_backfill(at("2024-03-03T00:00:00Z"), at("2024-03-02T00:00:00Z"), kDay).ok());
  EXPECT_FALSE(plan_backfill(at("2024-03-01T00:00:00Z"), at("2024-03-02T00:00:00Z"), 0s).ok());
}

TEST(PlanBackfill, CappedAndContinuable) {
  const Timestamp from = at("2024-01-01T00:00:00Z"), to = at("2024-01-02T00:00:00Z");
  auto plan = plan_backfill(from, to, 1s);
  ASSERT_TRUE(plan.ok());
  EXPECT_TRUE(plan->truncated);
  ASSERT_EQ(plan->windows.size(), kMaxWindowsPerPlan);
  EXPECT_EQ(plan->windows.back().end, from + Seconds(kMaxWindowsPerPlan));
}

TEST(SnapshotDue, DueEveryInterval) {
  const Timestamp last = at("2024-05-01T03:00:00Z");
  EXPECT_EQ(next_snapshot(last, 24h), at("2024-05-02T03:00:00Z"));
  EXPECT_FALSE(snapshot_due(last, 24h, at("2024-05-02T02:59:59Z")));
  EXPECT_TRUE(snapshot_due(last, 24h, at("2024-05-02T03:00:00Z")));
  EXPECT_TRUE(snapshot_due(last, 24h, at("2024-06-01T00:00:00Z")));
}

TEST(SnapshotDue, NeverRunIsDueAtOnce) {
  EXPECT_EQ(next_snapshot(std::nullopt, 24h), Timestamp{});
  EXPECT_TRUE(snapshot_due(std::nullopt, 24h, at("2024-05-02T00:00:00Z")));
}

TEST(MarketoBoundsTest, EndAtIsInclusiveAndWithoutMilliseconds) {
  const Window w{at("2024-01-01T00:00:00Z"), at("2024-01-08T00:00:00Z")};
  const MarketoBounds b = marketo_bounds(w);
  EXPECT_EQ(b.start_at, "2024-01-01T00:00:00Z");
  EXPECT_EQ(b.end_at, "2024-01-07T23:59:59Z");
  EXPECT_EQ(marketo_end_at(w), at("2024-01-07T23:59:59Z"));
  // The next window's startAt is one second after this endAt: nothing between, nothing shared.
  const Window next{w.end, w.end + 7 * kDay};
  EXPECT_EQ(core::parse_iso8601(marketo_bounds(next).start_at).value() -
                core::parse_iso8601(b.end_at).value(),
            1s);
  // A one-second window asks for exactly one instant.
  const MarketoBounds one = marketo_bounds({w.start, w.start + 1s});
  EXPECT_EQ(one.start_at, one.end_at);
}

}  // namespace
}  // namespace msync::exports
