#include "store_fixture.hpp"

namespace msync::state::test {
namespace {

using StateWatermark = StoreTest;

TEST_F(StateWatermark, AdvancesOverTheContiguousStagedPrefixOnly) {
  const auto w = three_weeks();
  EXPECT_EQ(stage(w[2], "e-3"), at("2024-01-01T00:00:00Z"));  // a gap before it
  EXPECT_EQ(stage(w[0], "e-1"), at("2024-01-08T00:00:00Z"));  // w2 still missing
  EXPECT_EQ(stage(w[1], "e-2"), at("2024-01-22T00:00:00Z"));  // the gap closes: up to w3's end
  auto mark = store().watermark("leads");
  ASSERT_TRUE(mark);
  EXPECT_EQ(*mark, at("2024-01-22T00:00:00Z"));
  reopen();
  EXPECT_EQ(*store().watermark("leads"), at("2024-01-22T00:00:00Z"));
}

TEST_F(StateWatermark, AGapStopsTheRunEvenWhenLaterWindowsAreStaged) {
  const auto w = three_weeks();
  const std::vector<WindowSpec> more{incremental("2024-01-22T00:00:00Z", "2024-01-29T00:00:00Z")};
  auto w4 = store().add_windows("leads", more);
  ASSERT_TRUE(w4);
  stage(w[0], "e-1");
  stage(w[2], "e-3");
  EXPECT_EQ(stage((*w4)[0], "e-4"), at("2024-01-08T00:00:00Z"));
  const JobId failing = completed_job(w[1], "e-2");
  ASSERT_TRUE(store().set_state(failing, JobState::expired));
  EXPECT_EQ(*store().watermark("leads"), at("2024-01-08T00:00:00Z"));
  EXPECT_EQ(stage(w[1], "e-2b"), at("2024-01-29T00:00:00Z"));
}

TEST_F(StateWatermark, BackfillsDoNotMoveIt) {
  const auto w = three_weeks();
  const std::vector<WindowSpec> old{backfill("2023-12-01T00:00:00Z", "2024-01-01T00:00:00Z"),
                                    backfill("2024-01-01T00:00:00Z", "2024-01-08T00:00:00Z")};
  auto ids = store().add_windows("leads", old);
  ASSERT_TRUE(ids);
  EXPECT_EQ(stage((*ids)[0], "b-1"), at("2024-01-01T00:00:00Z"));
  EXPECT_EQ(stage((*ids)[1], "b-2"), at("2024-01-01T00:00:00Z"));  // same range as w1, still no
  EXPECT_EQ(stage(w[0], "e-1"), at("2024-01-08T00:00:00Z"));
}

TEST_F(StateWatermark, ASnapshotMovesItToItsRunTime) {
  ASSERT_TRUE(store().ensure_sync("vip", SyncKind::snapshot, at("2024-01-01T00:00:00Z")));
  const std::vector<WindowSpec> runs{
      WindowSpec{WindowKind::snapshot, at("2024-01-02T00:00:00Z"), at("2024-01-02T00:00:00Z")},
      WindowSpec{WindowKind::snapshot, at("2024-01-03T00:00:00Z"), at("2024-01-03T00:00:00Z")}};
  auto ids = store().add_windows("vip", runs);
  ASSERT_TRUE(ids);
  EXPECT_EQ(stage((*ids)[1], "s-2"), at("2024-01-03T00:00:00Z"));
  EXPECT_EQ(stage((*ids)[0], "s-1"), at("2024-01-03T00:00:00Z"));  // never backwards
}

}  // namespace
}  // namespace msync::state::test
