// Which contiguous range staging one window completes: the watermark's advance for incremental
// windows (finishing out of order), the whole block for backfill windows.
#include <gtest/gtest.h>

#include <algorithm>

#include "exports/exports.hpp"

namespace msync::exports {
namespace {

using state::WindowFile;

core::Timestamp day(int n) { return core::parse_iso8601("2024-01-01T00:00:00Z").value() + core::Seconds{86400} * n; }

// Windows [day(i), day(i+1)) for i in [first, last); staged ones named after their start.
std::vector<WindowFile> windows(int first, int last, std::initializer_list<int> staged,
                                state::WindowKind kind = state::WindowKind::incremental) {
  std::vector<WindowFile> out;
  for (int i = first; i < last; ++i) {
    WindowFile w;
    w.window.id = state::WindowId{100 + i};
    w.window.kind = kind;
    w.window.start = day(i);
    w.window.end = day(i + 1);
    if (std::find(staged.begin(), staged.end(), i) != staged.end()) {
      w.staged_path = "/staging/s/f" + std::to_string(i) + ".csv";
      w.records = i;
    }
    out.push_back(w);
  }
  return out;
}

WindowFile staging_now(const std::vector<WindowFile>& all, int i) {
  auto it = std::find_if(all.begin(), all.end(), [&](const WindowFile& f) { return f.window.start == day(i); });
  EXPECT_NE(it, all.end());
  WindowFile w = *it;
  w.staged_path = "/staging/s/now" + std::to_string(i) + ".csv";
  w.records = 1000;
  return w;
}

TEST(WatermarkAdvance, NextWindowAdvancesOverItself) {
  const auto all = windows(0, 5, {});
  auto range = watermark_advance(all, staging_now(all, 0), day(0));
  ASSERT_TRUE(range);
  EXPECT_EQ(range->from, day(0));
  EXPECT_EQ(range->to, day(1));
  ASSERT_EQ(range->windows.size(), 1u);
  EXPECT_EQ(*range->windows[0].staged_path, "/staging/s/now0.csv");
}

TEST(WatermarkAdvance, AWindowAheadOfAGapAdvancesNothing) {
  const auto all = windows(0, 5, {});
  EXPECT_FALSE(watermark_advance(all, staging_now(all, 2), day(0)));
}

TEST(WatermarkAdvance, FillingTheGapAdvancesOverEveryWindowStagedBeyondIt) {
  const auto all = windows(0, 6, {0, 2, 3});  // 0 already behind the watermark at day 1
  auto range = watermark_advance(all, staging_now(all, 1), day(1));
  ASSERT_TRUE(range);
  EXPECT_EQ(range->from, day(1));
  EXPECT_EQ(range->to, day(4));
  ASSERT_EQ(range->windows.size(), 3u);
  EXPECT_EQ(*range->windows[1].staged_path, "/staging/s/f2.csv");
}

TEST(CompletedBackfill, WaitsForEveryWindowOfTheBlock) {
  const auto kind = state::WindowKind::backfill;
  const auto all = windows(10, 14, {10, 13}, kind);
  EXPECT_FALSE(completed_backfill(all, staging_now(all, 11)));
  const auto later = windows(10, 14, {10, 11, 13}, kind);
  auto range = completed_backfill(later, staging_now(later, 12));
  ASSERT_TRUE(range);
  EXPECT_EQ(range->from, day(10));
  EXPECT_EQ(range->to, day(14));
  EXPECT_EQ(range->windows.size(), 4u);
}

TEST(CompletedBackfill, SeparateBlocksCompleteSeparately) {
  const auto kind = state::WindowKind::backfill;
  auto all = windows(0, 2, {0}, kind);
  auto other = windows(5, 7, {}, kind);
  all.insert(all.end(), other.begin(), other.end());
  auto range = completed_backfill(all, staging_now(all, 1));
  ASSERT_TRUE(range);
  EXPECT_EQ(range->from, day(0));
  EXPECT_EQ(range->to, day(2));
}

}  // namespace
}  // namespace msync::exports
