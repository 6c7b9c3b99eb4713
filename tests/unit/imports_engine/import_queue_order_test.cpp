// Which of our queued import batches cannot have started: two of ours ahead of it in Marketo's
// FIFO import queue (importing, or uploaded before it by batchId).
#include <gtest/gtest.h>

#include "imports/import_queue_order.hpp"

namespace msync::imports {
namespace {

using state::ImportBatch;
using state::ImportBatchId;
using state::ImportState;

ImportBatch batch(std::int64_t id, ImportState state, std::optional<std::int64_t> batch_id) {
  ImportBatch b;
  b.id = ImportBatchId{id};
  b.state = state;
  b.batch_id = batch_id;
  return b;
}

TEST(ImportQueueOrder, TwoOfOursAheadMeanItCannotHaveStarted) {
  const std::vector<ImportBatch> ours{batch(1, ImportState::importing, 1040), batch(2, ImportState::queued, 1041),
                                      batch(3, ImportState::queued, 1042)};
  EXPECT_FALSE(waits_behind_our_own(ours, ImportBatchId{2}, 2));  // only one ahead
  EXPECT_TRUE(waits_behind_our_own(ours, ImportBatchId{3}, 2));
  EXPECT_FALSE(waits_behind_our_own(ours, ImportBatchId{3}, 3));  // a subscription with three at once
}

TEST(ImportQueueOrder, OrderIsMarketosBatchIdNotOurRecordId) {
  // Part 5 was uploaded (and given its batchId) before part 4.
  const std::vector<ImportBatch> ours{batch(4, ImportState::queued, 1051), batch(5, ImportState::queued, 1050),
                                      batch(6, ImportState::importing, 1049)};
  EXPECT_TRUE(waits_behind_our_own(ours, ImportBatchId{4}, 2));
  EXPECT_FALSE(waits_behind_our_own(ours, ImportBatchId{5}, 2));
}

TEST(ImportQueueOrder, OnlyAQueuedBatchWithABatchIdCanWait) {
  const std::vector<ImportBatch> ours{batch(1, ImportState::importing, 1040), batch(2, ImportState::importing, 1041),
                                      batch(3, ImportState::intent, std::nullopt),
                                      batch(4, ImportState::importing, 1043)};
  EXPECT_FALSE(waits_behind_our_own(ours, ImportBatchId{3}, 2));  // in doubt: never held back
  EXPECT_FALSE(waits_behind_our_own(ours, ImportBatchId{4}, 2));  // importing: poll it
  EXPECT_FALSE(waits_behind_our_own(ours, ImportBatchId{9}, 2));  // not ours
}

TEST(ImportQueueOrder, AnUploadInDoubtIsNeverCountedAhead) {
  const std::vector<ImportBatch> ours{batch(1, ImportState::intent, std::nullopt), batch(2, ImportState::queued, 1040),
                                      batch(3, ImportState::queued, 1041)};
  EXPECT_FALSE(waits_behind_our_own(ours, ImportBatchId{3}, 2));
}

}  // namespace
}  // namespace msync::imports
