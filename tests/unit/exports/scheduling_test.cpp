#include <gtest/gtest.h>

#include "exports/exports.hpp"

using namespace msync;
using namespace std::chrono;

namespace {
const core::Timestamp t0 = sys_days{2026y / January / 15} + 12h;
}

TEST(QueueBudget, FreeSlotsAreMaxQueuedMinusOurs) {
  exports::QueueBudget budget(10);
  EXPECT_EQ(budget.free_slots(0, t0), 10u);
  EXPECT_EQ(budget.free_slots(7, t0), 3u);
  EXPECT_EQ(budget.free_slots(10, t0), 0u);
  EXPECT_EQ(budget.free_slots(12, t0), 0u);
}

TEST(QueueBudget, QueueFullCapsAtWhatMarketoAcceptedUntilHoldPasses) {
  exports::QueueBudget budget(10);
  budget.on_queue_full(3, t0, 60s);  // 7 places are someone else's
  EXPECT_EQ(budget.free_slots(3, t0 + 59s), 0u);
  EXPECT_EQ(budget.free_slots(2, t0 + 59s), 1u);  // one of ours left: its place is ours again
  EXPECT_EQ(budget.free_slots(3, t0 + 60s), 7u);  // hold over: ask Marketo again
}

TEST(QueueBudget, JobLeavingQueueLiftsTheLearnedCap) {
  exports::QueueBudget budget(10);
  budget.on_queue_full(3, t0, 600s);
  budget.on_job_left_queue();
  EXPECT_EQ(budget.free_slots(2, t0 + 1s), 8u);
}

TEST(QueueBudget, JobsOfThisUserTheDaemonDidNotStartHoldPlacesToo) {
  exports::QueueBudget budget(10);
  budget.set_unlisted(4);
  EXPECT_EQ(budget.free_slots(3, t0), 3u);
  EXPECT_EQ(budget.free_slots(6, t0), 0u);
  budget.set_unlisted(0);
  EXPECT_EQ(budget.free_slots(6, t0), 4u);
}

TEST(QueueBudget, DailyQuotaPausesUntilUsCentralMidnight) {
  exports::QueueBudget budget(10);
  budget.on_daily_quota_spent(t0);  // 12:00 UTC on 15 Jan = 06:00 CST
  const core::Timestamp reset = sys_days{2026y / January / 16} + 6h;
  EXPECT_EQ(budget.paused_until(t0), reset);
  EXPECT_EQ(budget.free_slots(0, reset - 1s), 0u);
  EXPECT_FALSE(budget.paused_until(reset));
  EXPECT_EQ(budget.free_slots(0, reset), 10u);
}

TEST(RoundRobin, IncrementalBeforeBackfillAndSyncsTakeTurns) {
  std::vector<exports::WaitingWindow> waiting{
      {"a", 1, false, t0}, {"a", 2, false, t0 + 1h}, {"a", 3, false, t0 + 2h},
      {"b", 4, false, t0 + 3h}, {"c", 5, true, t0 - 100h}, {"b", 6, true, t0 - 50h},
  };
  auto picked = exports::pick_round_robin(waiting, 10, "");
  std::vector<std::int64_t> ids;
  for (const auto& w : picked) ids.push_back(w.window_id);
  EXPECT_EQ(ids, (std::vector<std::int64_t>{1, 4, 2, 3, 6, 5}));
}

TEST(RoundRobin, ContinuesAfterLastServedAndHonoursCount) {
  std::vector<exports::WaitingWindow> waiting{
      {"a", 1, false, t0}, {"b", 2, false, t0}, {"c", 3, false, t0}, {"a", 4, false, t0 + 1h}};
  auto picked = exports::pick_round_robin(waiting, 2, "a");
  ASSERT_EQ(picked.size(), 2u);
  EXPECT_EQ(picked[0].sync, "b");
  EXPECT_EQ(picked[1].sync, "c");
  EXPECT_TRUE(exports::pick_round_robin(waiting, 0, "").empty());
}

namespace {
state::LiveJob live_job(std::int64_t id, state::JobState state, core::Timestamp queued_at) {
  state::LiveJob live;
  live.job.id = state::JobId{id};
  live.job.state = state;
  live.job.queued_at = queued_at;
  return live;
}
}  // namespace

TEST(QueueOrder, AQueuedJobWaitsOnlyWithTwoOfOursAheadOfIt) {
  using state::JobState;
  // Job 1 was parked and enqueued last: it is behind jobs 2 and 3, whatever its id.
  std::vector<state::LiveJob> ours{live_job(1, JobState::queued, t0 + 5s), live_job(2, JobState::processing, t0),
                                   live_job(3, JobState::queued, t0 + 1s), live_job(4, JobState::queued, t0 + 1s)};
  EXPECT_FALSE(exports::waits_behind_our_own(ours, state::JobId{2}, 2));  // not queued
  EXPECT_FALSE(exports::waits_behind_our_own(ours, state::JobId{3}, 2));  // only job 2 ahead
  EXPECT_TRUE(exports::waits_behind_our_own(ours, state::JobId{4}, 2));   // 2, then 3 (same second, lower id)
  EXPECT_TRUE(exports::waits_behind_our_own(ours, state::JobId{1}, 2));
  ours[1].job.state = JobState::completed;  // job 2 left processing: job 4 moves up
  EXPECT_FALSE(exports::waits_behind_our_own(ours, state::JobId{4}, 2));
  EXPECT_TRUE(exports::waits_behind_our_own(ours, state::JobId{1}, 2));  // behind 3 and 4
  EXPECT_FALSE(exports::waits_behind_our_own(ours, state::JobId{9}, 2));  // unknown: ask Marketo
}

TEST(QueueOrder, TheSubscriptionsProcessingLimitSetsHowManyAheadBlock) {
  using state::JobState;
  std::vector<state::LiveJob> ours{live_job(1, JobState::processing, t0), live_job(2, JobState::queued, t0 + 1s),
                                   live_job(3, JobState::queued, t0 + 2s)};
  EXPECT_TRUE(exports::waits_behind_our_own(ours, state::JobId{2}, 1));   // max_processing: 1
  EXPECT_FALSE(exports::waits_behind_our_own(ours, state::JobId{2}, 2));  // a slot may be free
  EXPECT_TRUE(exports::waits_behind_our_own(ours, state::JobId{3}, 2));
  EXPECT_FALSE(exports::waits_behind_our_own(ours, state::JobId{3}, 3));
}
