#include "store_fixture.hpp"

namespace msync::state::test {
namespace {

using StateImports = StoreTest;

TEST_F(StateImports, TakingTheSameFileAgainFindsTheSameRecord) {
  auto file = store().take_import_file("webinar", "attendees.csv", "aa11");
  ASSERT_TRUE(file) << file.error().message;
  EXPECT_EQ(file->taken_at, clock_.now());
  clock_.advance(core::Seconds{60});
  auto again = store().take_import_file("webinar", "attendees.csv", "aa11");
  ASSERT_TRUE(again);
  EXPECT_EQ(again->id, file->id);
  EXPECT_EQ(again->taken_at, file->taken_at);
  auto changed = store().take_import_file("webinar", "attendees.csv", "bb22");  // new content
  ASSERT_TRUE(changed);
  EXPECT_NE(changed->id, file->id);

  ASSERT_TRUE(store().set_import_parts(file->id, 2));
  ASSERT_TRUE(store().finish_import_file(changed->id, "rejected", "no email column"));
  auto unfinished = store().unfinished_import_files();
  ASSERT_TRUE(unfinished);
  ASSERT_EQ(unfinished->size(), 1u);
  EXPECT_EQ((*unfinished)[0].id, file->id);
  EXPECT_EQ((*unfinished)[0].parts, 2);
}

TEST_F(StateImports, AFileDroppedAgainAfterItFinishedIsANewImport) {
  auto first = store().take_import_file("webinar", "attendees.csv", "aa11");
  ASSERT_TRUE(first);
  ASSERT_TRUE(store().finish_import_file(first->id, "complete", ""));
  auto second = store().take_import_file("webinar", "attendees.csv", "aa11");
  ASSERT_TRUE(second) << second.error().message;
  EXPECT_NE(second->id, first->id);
  EXPECT_FALSE(second->finished_at);
  auto again = store().take_import_file("webinar", "attendees.csv", "aa11");
  ASSERT_TRUE(again);
  EXPECT_EQ(again->id, second->id);
}

TEST_F(StateImports, BatchesGoFromIntentToCompleteOncePerPart) {
  auto file = store().take_import_file("webinar", "attendees.csv", "aa11");
  ASSERT_TRUE(file);
  auto batch = store().record_import_intent(file->id, 0, "webinar.work/attendees.0.csv");
  ASSERT_TRUE(batch) << batch.error().message;
  EXPECT_FALSE(store().record_import_intent(file->id, 0, "again"));  // one live batch per part
  EXPECT_FALSE(store().set_import_state(*batch, ImportState::importing));  // no batchId yet
  ASSERT_TRUE(store().set_import_queued(*batch, 1040));
  ASSERT_TRUE(store().set_import_queued(*batch, 1040));  // the same answer again
  ASSERT_TRUE(store().set_import_state(*batch, ImportState::importing));
  ASSERT_TRUE(store().set_import_state(
      *batch, ImportState::complete,
      {.leads_processed = 3, .rows_failed = 1, .rows_with_warning = 0, .message = "Import completed"}));
  EXPECT_FALSE(store().set_import_state(*batch, ImportState::failed));  // final
  EXPECT_FALSE(store().record_import_intent(file->id, 0, "again"));     // complete

  auto batches = store().import_batches(file->id);
  ASSERT_TRUE(batches);
  ASSERT_EQ(batches->size(), 1u);
  const ImportBatch& b = (*batches)[0];
  EXPECT_EQ(b.import, "webinar");
  EXPECT_EQ(b.source, "attendees.csv");
  EXPECT_EQ(b.part_path, "webinar.work/attendees.0.csv");
  EXPECT_EQ(b.state, ImportState::complete);
  EXPECT_EQ(b.batch_id, 1040);
  EXPECT_EQ(b.leads_processed, 3);
  EXPECT_EQ(b.rows_failed, 1);
  EXPECT_EQ(b.rows_with_warning, 0);
  EXPECT_EQ(b.message, "Import completed");
}

TEST_F(StateImports, ARestartReattachesToLiveBatchesAndFailedPartsCanRetry) {
  auto file = store().take_import_file("webinar", "attendees.csv", "aa11");
  ASSERT_TRUE(file);
  auto first = store().record_import_intent(file->id, 0, "p0");
  auto second = store().record_import_intent(file->id, 1, "p1");
  ASSERT_TRUE(first && second);
  ASSERT_TRUE(store().set_import_queued(*second, 77));
  auto other = store().take_import_file("webinar", "more.csv", "cc33");
  ASSERT_TRUE(other);
  auto failing = store().record_import_intent(other->id, 0, "q0");
  ASSERT_TRUE(failing);
  ASSERT_TRUE(store().set_import_queued(*failing, 78));
  ASSERT_TRUE(store().set_import_state(*failing, ImportState::failed, {.message = "bad file"}));

  reopen();

  auto live = store().live_import_batches();
  ASSERT_TRUE(live);
  ASSERT_EQ(live->size(), 2u);
  EXPECT_EQ((*live)[0].id, *first);
  EXPECT_EQ((*live)[0].state, ImportState::intent);
  EXPECT_EQ((*live)[1].batch_id, 77);
  EXPECT_TRUE(store().record_import_intent(other->id, 0, "q0"));  // failed: may go again
  EXPECT_FALSE(store().set_import_queued(*first, 77));  // a batchId belongs to one batch
  ASSERT_TRUE(store().set_import_state(*first, ImportState::cancelled, {.message = "unknown"}));

  auto status = store().status(clock_.now());
  ASSERT_TRUE(status);
  ASSERT_EQ(status->imports_in_flight.size(), 2u);
  EXPECT_EQ(status->imports_in_flight[0].id, *second);
}

}  // namespace
}  // namespace msync::state::test
