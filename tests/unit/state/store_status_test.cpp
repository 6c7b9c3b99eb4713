#include "store_fixture.hpp"

namespace msync::state::test {
namespace {

using StateStatus = StoreTest;

TEST_F(StateStatus, SummarisesEverySyncAndTheJobsInFlight) {
  const auto w = three_weeks();
  const std::vector<WindowSpec> more{incremental("2024-01-22T00:00:00Z", "2024-01-29T00:00:00Z")};
  auto w4 = store().add_windows("leads", more);
  ASSERT_TRUE(w4);
  ASSERT_TRUE(store().ensure_sync("vip", SyncKind::snapshot, at("2024-01-01T00:00:00Z")));
  ASSERT_TRUE(store().set_sync_error("vip", "1035 smartListName disabled"));

  stage(w[0], "e-1");                              // staged
  const JobId flying = completed_job(w[1], "e-2");  // in flight
  const JobId broken = completed_job(w[2], "e-3");
  ASSERT_TRUE(store().set_state(broken, JobState::failed, {.error = "Failed: timeout"}));
  ASSERT_TRUE(store().add_export_bytes(clock_.now(), 1234));
  ASSERT_TRUE(store().add_call(clock_.now(), "bulk/leads/export/create", 0));

  auto status = store().status(clock_.now());
  ASSERT_TRUE(status) << status.error().message;
  ASSERT_EQ(status->syncs.size(), 2u);
  const SyncStatus& leads = status->syncs[0];
  EXPECT_EQ(leads.sync.name, "leads");
  EXPECT_EQ(leads.sync.watermark, at("2024-01-08T00:00:00Z"));
  EXPECT_EQ(leads.windows_staged, 1);
  EXPECT_EQ(leads.windows_in_flight, 1);
  EXPECT_EQ(leads.windows_failed, 1);
  EXPECT_EQ(leads.windows_pending, 1);
  EXPECT_EQ(leads.planned_until, at("2024-01-29T00:00:00Z"));
  EXPECT_EQ(leads.last_job_error, "Failed: timeout");
  EXPECT_FALSE(leads.sync.error);

  const SyncStatus& vip = status->syncs[1];
  EXPECT_EQ(vip.sync.error, "1035 smartListName disabled");
  EXPECT_EQ(vip.windows_pending + vip.windows_in_flight + vip.windows_staged + vip.windows_failed, 0);
  EXPECT_FALSE(vip.planned_until);
  EXPECT_FALSE(vip.last_snapshot);

  ASSERT_EQ(status->in_flight.size(), 1u);
  EXPECT_EQ(status->in_flight[0].job.id, flying);
  EXPECT_EQ(status->in_flight[0].job.state, JobState::completed);
  EXPECT_EQ(status->in_flight[0].job.export_id, "e-2");
  EXPECT_EQ(status->quota_day, core::us_central_day_start(clock_.now()));
  EXPECT_EQ(status->export_bytes, 1234);
  EXPECT_EQ(status->calls, 1);
}

}  // namespace
}  // namespace msync::state::test
