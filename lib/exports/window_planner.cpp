#include "exports/window_planner.hpp"

#include <algorithm>

#include <fmt/format.h>

namespace msync::exports {
namespace {

using core::Seconds;
using core::Timestamp;

core::Status check_window(Seconds window) {
  if (window <= Seconds::zero() || window > kMaxWindow)
    return core::make_error(fmt::format("window {} must be between 1s and 31d",
                                        core::format_duration(window)),
                            core::ErrorKind::permanent);
  return {};
}

// Windows from `from` to `until` on the grid origin + k * window; the first may start off the
// grid (after a partial window) and the last may end off it (at `until`).
Plan cover(Timestamp origin, Seconds window, Timestamp from, Timestamp until) {
  Plan plan;
  Timestamp cursor = from;
  while (cursor < until) {
    if (plan.windows.size() == kMaxWindowsPerPlan) {
      plan.truncated = true;
      break;
    }
    // Integer steps from the origin: no drift however many windows are planned.
    const auto steps = (cursor - origin) / window;
    const Timestamp boundary = origin + (steps + 1) * window;
    const Timestamp end = std::min(boundary, until);
    plan.windows.push_back(Window{cursor, end});
    cursor = end;
  }
  return plan;
}

}  // namespace

core::Result<Plan> plan_incremental(const IncrementalPolicy& policy,
                                    std::optional<core::Timestamp> planned_until,
                                    core::Timestamp now) {
  if (auto s = check_window(policy.window); !s) return s.error();
  if (policy.lag < Seconds::zero())
    return core::make_error("lag must not be negative", core::ErrorKind::permanent);
  const Timestamp from = std::max(planned_until.value_or(policy.start), policy.start);
  const Timestamp until = now - policy.lag;
  if (until <= from) return Plan{};
  Plan plan = cover(policy.start, policy.window, from, until);
  // A tail of a few seconds (a restart or reload right after a plan) would go to Marketo as
  // startAt == endAt, which it refuses; it waits to be planned with what comes after it.
  if (!plan.truncated && !plan.windows.empty() &&
      plan.windows.back().end - plan.windows.back().start < std::min(kMinTailWindow, policy.window))
    plan.windows.pop_back();
  return plan;
}

core::Result<Plan> plan_backfill(core::Timestamp from, core::Timestamp to, core::Seconds window) {
  if (auto s = check_window(std::min(window, kMaxWindow)); !s) return s.error();
  if (to <= from)
    return core::make_error(fmt::format("backfill range {} .. {} is empty",
                                        core::format_iso8601(from), core::format_iso8601(to)),
                            core::ErrorKind::permanent);
  return cover(from, std::min(window, kMaxWindow), from, to);
}

core::Timestamp next_snapshot(std::optional<core::Timestamp> last_run, core::Seconds every) {
  if (!last_run) return core::Timestamp{};
  return *last_run + every;
}

bool snapshot_due(std::optional<core::Timestamp> last_run, core::Seconds every,
                  core::Timestamp now) {
  return now >= next_snapshot(last_run, every);
}

core::Timestamp marketo_end_at(const Window& window) { return window.end - Seconds(1); }

MarketoBounds marketo_bounds(const Window& window) {
  return {core::format_iso8601(window.start), core::format_iso8601(marketo_end_at(window))};
}

}  // namespace msync::exports
