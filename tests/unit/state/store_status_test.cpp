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

TEST_F(StateStatus, TotalsCountStagedFilesAndCompletedImportRows) {
  const auto w = three_weeks();
  stage(w[0], "e-1");
  stage(w[1], "e-2");
  (void)completed_job(w[2], "e-3");  // not staged: not counted
  auto staged = store().staged_totals();
  ASSERT_TRUE(staged) << staged.error().message;
  ASSERT_EQ(staged->size(), 1u);
  EXPECT_EQ((*staged)[0].sync, "leads");
  EXPECT_EQ((*staged)[0].files, 2);
  EXPECT_EQ((*staged)[0].records, 20);
  EXPECT_EQ((*staged)[0].bytes, 200);

  auto file = store().take_import_file("webinar", "a.csv", "aa");
  ASSERT_TRUE(file);
  for (std::int64_t part = 0; part < 2; ++part) {
    auto batch = store().record_import_intent(file->id, part, "p");
    ASSERT_TRUE(batch);
    ASSERT_TRUE(store().set_import_queued(*batch, 1040 + part));
    ImportUpdate update;
    update.leads_processed = 5;
    update.rows_failed = 1;
    update.rows_with_warning = part;
    ASSERT_TRUE(store().set_import_state(*batch, part == 0 ? ImportState::complete : ImportState::importing, update));
  }
  auto rows = store().import_row_totals();
  ASSERT_TRUE(rows) << rows.error().message;
  ASSERT_EQ(rows->size(), 1u);
  EXPECT_EQ((*rows)[0].import, "webinar");
  EXPECT_EQ((*rows)[0].leads_processed, 5);  // the importing batch is not final yet
  EXPECT_EQ((*rows)[0].rows_failed, 1);
  EXPECT_EQ((*rows)[0].rows_with_warning, 0);
}

}  // namespace
}  // namespace msync::state::test
