#pragma once
// Where one of our queued batches stands in Marketo's import queue, as far as our own batches
// tell. Marketo imports at most two batches of a subscription at a time and starts queued ones
// first in, first out (seed: "FIFO キュー ... 最大 2 つのジョブが同時に処理"). So a queued batch with
// two of ours ahead of it (importing, or uploaded before it) cannot be importing yet, whatever
// other tools hold: asking about it every poll interval only spends API calls. Pure: the store's
// live batches in, an answer out (the exports' twin is exports/queue_order.hpp).
#include <vector>

#include "state/state.hpp"

namespace msync::imports {

// True when `batch` is stored as queued and at least `importing_slots` of `ours` are importing or
// were uploaded before it (by Marketo's batchId, which grows with each upload, then by our id).
bool waits_behind_our_own(const std::vector<state::ImportBatch>& ours, state::ImportBatchId batch,
                          unsigned importing_slots);

}  // namespace msync::imports
