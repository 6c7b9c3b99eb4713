#include "status_line.hpp"

#include <map>

#include <fmt/format.h>

namespace msync::daemon {

std::string status_line(const state::StatusSnapshot& s) {
  std::int64_t staged = 0, waiting = 0, stopped = 0;
  for (const auto& sync : s.syncs) {
    staged += sync.windows_staged;
    waiting += sync.windows_pending + sync.windows_failed;
    stopped += sync.sync.error.has_value();
  }
  std::map<state::JobState, int> by_state;
  for (const auto& live : s.in_flight) ++by_state[live.job.state];
  std::string states;
  for (const auto& [state, count] : by_state)
    states += fmt::format("{}{} {}", states.empty() ? "" : ", ", count, state::to_string(state));
  std::string line = fmt::format("{} sync{}: {} windows staged, {} waiting, {} job{} in flight", s.syncs.size(),
                                 s.syncs.size() == 1 ? "" : "s", staged, waiting, s.in_flight.size(),
                                 s.in_flight.size() == 1 ? "" : "s");
  if (!states.empty()) line += " (" + states + ")";
  line += fmt::format("; {} import{} in flight; today {:.1f} MB exported in {} calls", s.imports_in_flight.size(),
                      s.imports_in_flight.size() == 1 ? "" : "s", static_cast<double>(s.export_bytes) / 1e6, s.calls);
  if (stopped > 0) line += fmt::format("; {} sync{} stopped by an error", stopped, stopped == 1 ? "" : "s");
  return line;
}

}  // namespace msync::daemon
