#pragma once
// What the daemon may put into Marketo's export queue right now. Marketo's queue is shared by the
// whole subscription (every bulk export type, every tool): at most max_queued jobs queued or
// processing. The daemon sees its own jobs; other tools' jobs show only as 1029 answers. So the
// budget is "max_queued minus ours", shrunk to what Marketo last accepted when it answered 1029,
// and closed altogether while the daily export quota (or the daily call quota) is spent.
#include <optional>

#include "core/core.hpp"

namespace msync::exports {

class QueueBudget {
 public:
  explicit QueueBudget(unsigned max_queued) : max_queued_(max_queued) {}

  // How many more jobs may be enqueued now, given how many of ours Marketo is holding.
  unsigned free_slots(unsigned ours_in_queue, core::Timestamp now) const;

  // Marketo said 1029 "Too many jobs": the rest of the queue belongs to others. Until `hold` has
  // passed or one of ours leaves the queue, ask for no more than we hold now.
  void on_queue_full(unsigned ours_in_queue, core::Timestamp now, core::Seconds hold);

  // Jobs of this API user that Marketo lists as queued or processing but the daemon did not start
  // (another tool with the same credentials, or a job whose create the daemon never recorded):
  // they hold places too. Learned from export.json at start-up and after a 1029.
  void set_unlisted(unsigned jobs) { unlisted_ = jobs; }
  unsigned unlisted() const { return unlisted_; }

  // True while a "queue full" answer is still believed: it lapses unseen, so look again by then.
  bool capped(core::Timestamp now) const { return learned_cap_ && now < cap_until_; }

  // One of ours left Marketo's queue (completed, failed, cancelled): a place opened.
  void on_job_left_queue();

  // The daily export quota (1029 "Export daily quota exceeded") or the daily call quota (607) is
  // spent: nothing is enqueued until the next US Central midnight, when Marketo resets both.
  void on_daily_quota_spent(core::Timestamp now);

  // When enqueueing is paused for the daily quota, the instant it may resume.
  std::optional<core::Timestamp> paused_until(core::Timestamp now) const;

 private:
  unsigned max_queued_;
  unsigned unlisted_ = 0;
  std::optional<unsigned> learned_cap_;  // ours_in_queue when Marketo last said the queue was full
  core::Timestamp cap_until_{};
  std::optional<core::Timestamp> quota_reset_;
};

}  // namespace msync::exports
