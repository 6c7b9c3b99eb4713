#include "imports/import_queue_order.hpp"

#include <algorithm>
#include <limits>
#include <tuple>

namespace msync::imports {
namespace {

using state::ImportState;

// Batches whose batchId is unknown (an upload in doubt) sort last: never counted as ahead.
auto queue_position(const state::ImportBatch& batch) {
  return std::make_tuple(batch.batch_id.value_or(std::numeric_limits<std::int64_t>::max()),
                         static_cast<std::int64_t>(batch.id));
}

}  // namespace

bool waits_behind_our_own(const std::vector<state::ImportBatch>& ours, state::ImportBatchId batch,
                          unsigned importing_slots) {
  const auto self = std::find_if(ours.begin(), ours.end(), [&](const auto& b) { return b.id == batch; });
  if (self == ours.end() || self->state != ImportState::queued || !self->batch_id) return false;
  const auto position = queue_position(*self);
  const auto ahead = std::count_if(ours.begin(), ours.end(), [&](const auto& b) {
    return b.state == ImportState::importing || (b.state == ImportState::queued && queue_position(b) < position);
  });
  return static_cast<unsigned>(ahead) >= importing_slots;
}

}  // namespace msync::imports
