#include "exports/round_robin.hpp"

#include <algorithm>
#include <deque>
#include <map>

namespace msync::exports {
namespace {

// Takes up to `count` windows from one class, one per sync per turn.
void take_turns(std::map<std::string, std::deque<WaitingWindow>>& by_sync, unsigned& count,
                std::string& last_served, std::vector<WaitingWindow>& picked) {
  while (count > 0 && !by_sync.empty()) {
    auto next = by_sync.upper_bound(last_served);
    if (next == by_sync.end()) next = by_sync.begin();
    picked.push_back(next->second.front());
    next->second.pop_front();
    last_served = next->first;
    --count;
    if (next->second.empty()) by_sync.erase(next);
  }
}

}  // namespace

std::vector<WaitingWindow> pick_round_robin(std::vector<WaitingWindow> waiting, unsigned count,
                                            const std::string& last_served) {
  std::stable_sort(waiting.begin(), waiting.end(), [](const auto& a, const auto& b) {
    return a.start < b.start;
  });
  std::map<std::string, std::deque<WaitingWindow>> incremental, backfill;
  for (auto& w : waiting) (w.backfill ? backfill : incremental)[w.sync].push_back(std::move(w));

  std::vector<WaitingWindow> picked;
  std::string turn = last_served;
  take_turns(incremental, count, turn, picked);
  take_turns(backfill, count, turn, picked);
  return picked;
}

}  // namespace msync::exports
