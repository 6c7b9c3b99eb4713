#pragma once
// Which waiting windows get the free queue places: incremental windows before backfill (fresh data
// first), and within each class the syncs take turns, one window each, oldest window first, so one
// sync's year-long backfill never starves another sync.
#include <cstdint>
#include <string>
#include <vector>

#include "core/core.hpp"

namespace msync::exports {

struct WaitingWindow {
  std::string sync;
  std::int64_t window_id = 0;
  bool backfill = false;
  core::Timestamp start{};
};

// Picks at most `count` windows. `last_served` is the sync that was given the previous place, so
// the turn continues with the next sync in name order.
std::vector<WaitingWindow> pick_round_robin(std::vector<WaitingWindow> waiting, unsigned count,
                                            const std::string& last_served);

}  // namespace msync::exports
