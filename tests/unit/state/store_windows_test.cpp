#include "store_fixture.hpp"

namespace msync::state::test {
namespace {

using StateWindows = StoreTest;

TEST_F(StateWindows, EnsureSyncIsIdempotentAndKeepsTheFirstStart) {
  auto first = store().ensure_sync("leads", SyncKind::incremental, at("2024-01-01T00:00:00Z"));
  ASSERT_TRUE(first);
  EXPECT_EQ(first->watermark, at("2024-01-01T00:00:00Z"));
  auto again = store().ensure_sync("leads", SyncKind::incremental, at("2023-06-01T00:00:00Z"));
  ASSERT_TRUE(again);
  EXPECT_EQ(again->start, at("2024-01-01T00:00:00Z"));
  auto other_kind = store().ensure_sync("leads", SyncKind::snapshot, at("2024-01-01T00:00:00Z"));
  ASSERT_FALSE(other_kind);
  EXPECT_NE(other_kind.error().message.find("leads"), std::string::npos);
  auto syncs = store().list_syncs();
  ASSERT_TRUE(syncs);
  EXPECT_EQ(syncs->size(), 1u);
}

TEST_F(StateWindows, UnknownSyncIsAnError) {
  EXPECT_FALSE(store().watermark("nope"));
  EXPECT_FALSE(store().planned_until("nope"));
  EXPECT_FALSE(store().set_sync_error("nope", "x"));
  const std::vector<WindowSpec> one{incremental("2024-01-01T00:00:00Z", "2024-01-02T00:00:00Z")};
  EXPECT_FALSE(store().add_windows("nope", one));
}

TEST_F(StateWindows, AddWindowsIsIdempotent) {
  const auto ids = three_weeks();
  ASSERT_EQ(ids.size(), 3u);
  const std::vector<WindowSpec> again{incremental("2024-01-08T00:00:00Z", "2024-01-15T00:00:00Z"),
                                      incremental("2024-01-22T00:00:00Z", "2024-01-29T00:00:00Z")};
  auto second = store().add_windows("leads", again);
  ASSERT_TRUE(second) << second.error().message;
  ASSERT_EQ(second->size(), 2u);
  EXPECT_EQ((*second)[0], ids[1]);
  auto work = store().windows_needing_work(100);
  ASSERT_TRUE(work);
  EXPECT_EQ(work->size(), 4u);
}

TEST_F(StateWindows, RejectsOverlapsAndMalformedWindowsWithoutAddingAny) {
  three_weeks();
  const std::vector<WindowSpec> overlapping{
      incremental("2024-01-22T00:00:00Z", "2024-01-29T00:00:00Z"),
      incremental("2024-01-10T00:00:00Z", "2024-01-12T00:00:00Z")};
  auto rejected = store().add_windows("leads", overlapping);
  ASSERT_FALSE(rejected);
  EXPECT_NE(rejected.error().message.find("overlaps"), std::string::npos) << rejected.error().message;
  auto until = store().planned_until("leads");
  ASSERT_TRUE(until);
  EXPECT_EQ(*until, at("2024-01-22T00:00:00Z"));  // the first, valid window was rolled back too

  const std::vector<WindowSpec> empty{incremental("2024-02-01T00:00:00Z", "2024-02-01T00:00:00Z")};
  EXPECT_FALSE(store().add_windows("leads", empty));
  const std::vector<WindowSpec> snapshot{
      WindowSpec{WindowKind::snapshot, at("2024-02-01T00:00:00Z"), at("2024-02-01T00:00:00Z")}};
  EXPECT_FALSE(store().add_windows("leads", snapshot));

  // A backfill may cover ground the incremental windows already cover.
  const std::vector<WindowSpec> again{backfill("2024-01-01T00:00:00Z", "2024-01-31T00:00:00Z")};
  EXPECT_TRUE(store().add_windows("leads", again));
}

TEST_F(StateWindows, AProgramSnapshotRunIsOneWindowPerProgram) {
  ASSERT_TRUE(store().ensure_sync("members", SyncKind::snapshot, at("2024-01-01T00:00:00Z")));
  const auto t = at("2024-01-03T00:00:00Z");
  const std::vector<WindowSpec> run{WindowSpec{WindowKind::snapshot, t, t, 1001},
                                    WindowSpec{WindowKind::snapshot, t, t, 1002}};
  auto ids = store().add_windows("members", run);
  ASSERT_TRUE(ids) << ids.error().message;
  ASSERT_EQ(ids->size(), 2u);
  EXPECT_NE((*ids)[0], (*ids)[1]);
  auto again = store().add_windows("members", run);  // a planner that repeats itself adds nothing
  ASSERT_TRUE(again);
  EXPECT_EQ(*again, *ids);
  auto window = store().get_window((*ids)[1]);
  ASSERT_TRUE(window);
  EXPECT_EQ(window->program_id, 1002);
  auto work = store().windows_needing_work(10);
  ASSERT_TRUE(work);
  EXPECT_EQ(work->size(), 2u);

  ASSERT_TRUE(store().ensure_sync("leads", SyncKind::incremental, at("2024-01-01T00:00:00Z")));
  auto windowed = incremental("2024-01-01T00:00:00Z", "2024-01-08T00:00:00Z");
  windowed.program_id = 1001;
  const std::vector<WindowSpec> refused{windowed};
  auto rejected = store().add_windows("leads", refused);
  ASSERT_FALSE(rejected);
  EXPECT_NE(rejected.error().message.find("only a snapshot window exports one program"), std::string::npos)
      << rejected.error().message;
}

TEST_F(StateWindows, WorkComesIncrementalFirstThenSnapshotThenBackfillOldestFirst) {
  ASSERT_TRUE(store().ensure_sync("leads", SyncKind::incremental, at("2024-01-01T00:00:00Z")));
  ASSERT_TRUE(store().ensure_sync("vip", SyncKind::snapshot, at("2024-01-01T00:00:00Z")));
  const std::vector<WindowSpec> leads{backfill("2023-01-01T00:00:00Z", "2023-01-08T00:00:00Z"),
                                      incremental("2024-01-08T00:00:00Z", "2024-01-15T00:00:00Z"),
                                      incremental("2024-01-01T00:00:00Z", "2024-01-08T00:00:00Z")};
  ASSERT_TRUE(store().add_windows("leads", leads));
  const std::vector<WindowSpec> vip{
      WindowSpec{WindowKind::snapshot, at("2024-01-03T00:00:00Z"), at("2024-01-03T00:00:00Z")}};
  ASSERT_TRUE(store().add_windows("vip", vip));

  auto work = store().windows_needing_work(10);
  ASSERT_TRUE(work);
  ASSERT_EQ(work->size(), 4u);
  EXPECT_EQ((*work)[0].start, at("2024-01-01T00:00:00Z"));
  EXPECT_EQ((*work)[0].kind, WindowKind::incremental);
  EXPECT_EQ((*work)[0].sync, "leads");
  EXPECT_EQ((*work)[0].planned_at, clock_.now());
  EXPECT_EQ((*work)[1].start, at("2024-01-08T00:00:00Z"));
  EXPECT_EQ((*work)[2].sync, "vip");
  EXPECT_EQ((*work)[3].kind, WindowKind::backfill);

  auto limited = store().windows_needing_work(1);
  ASSERT_TRUE(limited);
  EXPECT_EQ(limited->size(), 1u);

  auto snapshot = store().last_snapshot_at("vip");
  ASSERT_TRUE(snapshot);
  EXPECT_EQ(*snapshot, at("2024-01-03T00:00:00Z"));
  auto none = store().last_snapshot_at("leads");
  ASSERT_TRUE(none);
  EXPECT_FALSE(none->has_value());
  auto until = store().planned_until("leads");
  ASSERT_TRUE(until);
  EXPECT_EQ(*until, at("2024-01-15T00:00:00Z"));  // backfills do not count
}

TEST_F(StateWindows, ASyncWithAnErrorIsSkippedUntilCleared) {
  three_weeks();
  ASSERT_TRUE(store().set_sync_error("leads", "1035 filter updatedAt disabled"));
  auto sync = store().get_sync("leads");
  ASSERT_TRUE(sync);
  EXPECT_EQ(sync->error, "1035 filter updatedAt disabled");
  EXPECT_EQ(sync->error_at, clock_.now());
  auto work = store().windows_needing_work(10);
  ASSERT_TRUE(work);
  EXPECT_TRUE(work->empty());

  ASSERT_TRUE(store().clear_sync_error("leads"));
  work = store().windows_needing_work(10);
  ASSERT_TRUE(work);
  EXPECT_EQ(work->size(), 3u);
  EXPECT_FALSE(store().get_sync("leads")->error.has_value());
}

}  // namespace
}  // namespace msync::state::test
