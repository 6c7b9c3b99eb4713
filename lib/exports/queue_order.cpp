#include "exports/queue_order.hpp"

#include <algorithm>
#include <tuple>

namespace msync::exports {
namespace {

using state::JobState;

// Jobs whose enqueue time is unknown sort last: they are never counted as ahead of one we know.
auto queue_position(const state::Job& job) {
  return std::make_tuple(job.queued_at.value_or(core::Timestamp::max()), static_cast<std::int64_t>(job.id));
}

}  // namespace

bool waits_behind_our_own(const std::vector<state::LiveJob>& ours, state::JobId job,
                          unsigned processing_slots) {
  const auto self = std::find_if(ours.begin(), ours.end(), [&](const auto& live) { return live.job.id == job; });
  if (self == ours.end() || self->job.state != JobState::queued) return false;
  const auto position = queue_position(self->job);
  const auto ahead = std::count_if(ours.begin(), ours.end(), [&](const auto& live) {
    const auto state = live.job.state;
    return state == JobState::processing || (state == JobState::queued && queue_position(live.job) < position);
  });
  return static_cast<unsigned>(ahead) >= processing_slots;
}

}  // namespace msync::exports
