#pragma once
// Where one of our queued jobs stands in Marketo's export queue, as far as our own jobs tell.
// Marketo processes at most max_processing export jobs of a subscription at a time (two, unless
// the subscription says otherwise: config marketo.limits.max_processing) and starts queued jobs in
// the order they were enqueued. So a queued job with that many of ours ahead of it (processing, or
// queued before it) cannot be processing yet, whatever other tools hold: asking about it every
// poll interval only spends API calls (pure: the store's live jobs in, an answer out).
#include <vector>

#include "state/state.hpp"

namespace msync::exports {

// True when `job` is stored as queued and at least `processing_slots` of `ours` are processing or
// were queued before it (by queued_at, then by job id).
bool waits_behind_our_own(const std::vector<state::LiveJob>& ours, state::JobId job,
                          unsigned processing_slots);

}  // namespace msync::exports
