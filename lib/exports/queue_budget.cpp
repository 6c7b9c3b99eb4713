#include "exports/queue_budget.hpp"

#include <algorithm>

namespace msync::exports {

unsigned QueueBudget::free_slots(unsigned ours_in_queue, core::Timestamp now) const {
  if (paused_until(now)) return 0;
  unsigned cap = max_queued_;
  if (capped(now)) cap = std::min(cap, *learned_cap_);
  const unsigned held = ours_in_queue + unlisted_;
  return held >= cap ? 0 : cap - held;
}

void QueueBudget::on_queue_full(unsigned ours_in_queue, core::Timestamp now, core::Seconds hold) {
  learned_cap_ = ours_in_queue;
  cap_until_ = now + hold;
}

void QueueBudget::on_job_left_queue() {
  // The place that opened is ours to take again: let the next attempt find out whether others
  // took it meanwhile, rather than waiting out the hold.
  learned_cap_.reset();
}

void QueueBudget::on_daily_quota_spent(core::Timestamp now) {
  quota_reset_ = core::next_us_central_midnight(now);
}

std::optional<core::Timestamp> QueueBudget::paused_until(core::Timestamp now) const {
  if (quota_reset_ && now < *quota_reset_) return quota_reset_;
  return std::nullopt;
}

}  // namespace msync::exports
