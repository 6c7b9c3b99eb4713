// The settle rules on a made-up clock: no waiting.
#include <gtest/gtest.h>

#include "imports/settle_tracker.hpp"

namespace msync::imports::detail {
namespace {

using std::chrono::milliseconds;

constexpr milliseconds kSettle{200};
const SteadyTime t0{std::chrono::hours(1)};

FileStat stat_of(std::uint64_t size, std::int64_t mtime = 1, std::uint64_t inode = 7) {
  return FileStat{size, mtime, inode};
}

std::vector<FileKey> keys(std::initializer_list<const char*> names, std::size_t dir = 0) {
  std::vector<FileKey> out;
  for (const char* name : names) out.emplace_back(dir, name);
  return out;
}

TEST(SettleTrackerTest, AWrittenFileIsReadyOnceUnchangedForTheSettleTime) {
  SettleTracker tracker(kSettle);
  tracker.observe({0, "a.csv"}, stat_of(10), t0);
  EXPECT_TRUE(tracker.has_unsettled());
  EXPECT_TRUE(tracker.take_ready(t0 + kSettle - milliseconds(1)).empty());
  EXPECT_EQ(tracker.next_deadline(), t0 + kSettle);
  EXPECT_EQ(tracker.due(t0 + kSettle), keys({"a.csv"}));
  EXPECT_EQ(tracker.take_ready(t0 + kSettle), keys({"a.csv"}));
  EXPECT_FALSE(tracker.has_unsettled());
  EXPECT_FALSE(tracker.next_deadline());
}

TEST(SettleTrackerTest, EveryChangeStartsTheSettleTimeAgain) {
  SettleTracker tracker(kSettle);
  tracker.observe({0, "a.csv"}, stat_of(10), t0);
  tracker.observe({0, "a.csv"}, stat_of(20), t0 + milliseconds(150));
  EXPECT_TRUE(tracker.take_ready(t0 + milliseconds(300)).empty());
  tracker.observe({0, "a.csv"}, stat_of(20, 2), t0 + milliseconds(300));  // mtime alone
  EXPECT_TRUE(tracker.take_ready(t0 + milliseconds(450)).empty());
  tracker.observe({0, "a.csv"}, stat_of(20, 2, 8), t0 + milliseconds(450));  // replaced
  EXPECT_TRUE(tracker.take_ready(t0 + milliseconds(649)).empty());
  EXPECT_EQ(tracker.take_ready(t0 + milliseconds(650)), keys({"a.csv"}));
}

TEST(SettleTrackerTest, SeeingTheSameStatAgainChangesNothing) {
  SettleTracker tracker(kSettle);
  tracker.observe({0, "a.csv"}, stat_of(10), t0);
  tracker.observe({0, "a.csv"}, stat_of(10), t0 + milliseconds(150));
  EXPECT_EQ(tracker.take_ready(t0 + kSettle), keys({"a.csv"}));
}

TEST(SettleTrackerTest, AFileMovedInIsReadyAtOnce) {
  SettleTracker tracker(kSettle);
  tracker.observe({0, "a.csv"}, stat_of(10), t0, true);
  EXPECT_EQ(tracker.next_deadline(), t0);
  EXPECT_EQ(tracker.take_ready(t0), keys({"a.csv"}));
}

TEST(SettleTrackerTest, ARenameSeenAfterAScanMakesTheFileReady) {
  SettleTracker tracker(kSettle);
  tracker.observe({0, "a.csv"}, stat_of(10), t0);
  tracker.observe({0, "a.csv"}, stat_of(10), t0 + milliseconds(1), true);
  EXPECT_EQ(tracker.take_ready(t0 + milliseconds(1)), keys({"a.csv"}));
}

TEST(SettleTrackerTest, AMovedInFileWrittenAgainWaitsTheSettleTime) {
  SettleTracker tracker(kSettle);
  tracker.observe({0, "a.csv"}, stat_of(10), t0, true);
  tracker.observe({0, "a.csv"}, stat_of(11), t0 + milliseconds(1));
  EXPECT_TRUE(tracker.take_ready(t0 + milliseconds(1)).empty());
  EXPECT_EQ(tracker.take_ready(t0 + milliseconds(201)), keys({"a.csv"}));
}

TEST(SettleTrackerTest, AFileIsReportedOnceWhileUnchanged) {
  SettleTracker tracker(kSettle);
  tracker.observe({0, "a.csv"}, stat_of(10), t0, true);
  EXPECT_EQ(tracker.take_ready(t0).size(), 1u);
  tracker.observe({0, "a.csv"}, stat_of(10), t0 + std::chrono::hours(1));
  EXPECT_TRUE(tracker.take_ready(t0 + std::chrono::hours(2)).empty());
  EXPECT_FALSE(tracker.has_unsettled());
}

TEST(SettleTrackerTest, AReportedFileThatChangesIsReportedAgain) {
  SettleTracker tracker(kSettle);
  tracker.observe({0, "a.csv"}, stat_of(10), t0, true);
  EXPECT_EQ(tracker.take_ready(t0).size(), 1u);
  tracker.observe({0, "a.csv"}, stat_of(30), t0 + milliseconds(10));
  EXPECT_TRUE(tracker.has_unsettled());
  EXPECT_EQ(tracker.take_ready(t0 + milliseconds(210)), keys({"a.csv"}));
}

TEST(SettleTrackerTest, AForgottenFileSeenAgainIsNew) {
  SettleTracker tracker(kSettle);
  tracker.observe({0, "a.csv"}, stat_of(10), t0, true);
  EXPECT_EQ(tracker.take_ready(t0).size(), 1u);
  tracker.forget({0, "a.csv"});
  tracker.observe({0, "a.csv"}, stat_of(10), t0 + milliseconds(5), true);
  EXPECT_EQ(tracker.take_ready(t0 + milliseconds(5)), keys({"a.csv"}));
}

TEST(SettleTrackerTest, AFileThatLeavesBeforeSettlingIsNeverReady) {
  SettleTracker tracker(kSettle);
  tracker.observe({0, "a.csv"}, stat_of(10), t0);
  tracker.forget({0, "a.csv"});
  EXPECT_FALSE(tracker.has_unsettled());
  EXPECT_TRUE(tracker.take_ready(t0 + std::chrono::hours(1)).empty());
}

TEST(SettleTrackerTest, ARescanForgetsWhatItNoLongerSeesInItsDirectoryOnly) {
  SettleTracker tracker(kSettle);
  tracker.observe({0, "a.csv"}, stat_of(1), t0);
  tracker.observe({0, "b.csv"}, stat_of(1), t0);
  tracker.observe({1, "c.csv"}, stat_of(1), t0);
  tracker.forget_others(0, {"b.csv"});
  const auto ready = tracker.take_ready(t0 + kSettle);
  EXPECT_EQ(ready, (std::vector<FileKey>{{0, "b.csv"}, {1, "c.csv"}}));
}

TEST(SettleTrackerTest, AFileWrittenBeforeStartCountsFromItsWriteTime) {
  SettleTracker tracker(kSettle);
  tracker.observe({0, "old.csv"}, stat_of(1), t0, false, t0 - kSettle);
  tracker.observe({0, "new.csv"}, stat_of(1), t0, false, t0 - milliseconds(50));
  EXPECT_EQ(tracker.take_ready(t0), keys({"old.csv"}));
  EXPECT_EQ(tracker.next_deadline(), t0 + milliseconds(150));
  EXPECT_EQ(tracker.take_ready(t0 + milliseconds(150)), keys({"new.csv"}));
}

}  // namespace
}  // namespace msync::imports::detail
