#pragma once
// The window planner: which [start, end) windows an incremental sync should export next.
//
// Conventions (decided once, relied on everywhere):
// - A window is HALF-OPEN, [start, end), in UTC seconds. Consecutive windows share their boundary
//   (one's end is the next one's start), so they are contiguous and never overlap.
// - Marketo's createdAt/updatedAt filter takes startAt and endAt, and its endAt is INCLUSIVE (its
//   own guidance for a full span is "31 days minus one second"). So a window is sent as
//   startAt = start, endAt = end - 1s, formatted without milliseconds. Timestamps have one-second
//   resolution, so [start, end - 1s] inclusive holds exactly the same instants as [start, end):
//   no record falls between two windows and none falls into two.
// - Everything is UTC: a window is a count of seconds, so daylight-saving changes cannot
//   lengthen, shorten or skip one.
// - Windows are aligned on policy.start + k * window. The last window planned may be partial
//   (it ends at now - lag); it is NOT re-planned later: the next window starts where it ended
//   and runs to the next aligned boundary, which puts the plan back on the grid.
// - Marketo rejects spans over 31 days; windows are never longer than kMaxWindow.
#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "core/core.hpp"

namespace msync::exports {

inline constexpr core::Seconds kMaxWindow = std::chrono::days(31);
// A plan never holds more windows than this; when it would, it is cut short and says so, and
// the caller plans again from the last window's end (e.g. start 30 years back with 1 s windows).
inline constexpr std::size_t kMaxWindowsPerPlan = 1000;

struct Window {
  core::Timestamp start;  // inclusive
  core::Timestamp end;    // exclusive

  core::Seconds length() const { return end - start; }
  bool operator==(const Window&) const = default;
};

// The shortest last window an incremental plan ends with (or the window, if shorter): a shorter
// tail waits for the next plan.
inline constexpr core::Seconds kMinTailWindow{60};

struct Plan {
  std::vector<Window> windows;
  bool truncated = false;  // more windows were due than kMaxWindowsPerPlan: plan again
};

struct IncrementalPolicy {
  core::Timestamp start;  // the first window's start
  core::Seconds window;   // 1 s to kMaxWindow
  core::Seconds lag;      // never ask for data younger than now - lag; >= 0
};

// The windows from planned_until (the end of the last window planned; none yet: policy.start) up
// to now - lag. A planned_until before policy.start is treated as policy.start. Empty when
// now - lag <= planned_until. Errors only for an invalid policy.
core::Result<Plan> plan_incremental(const IncrementalPolicy& policy,
                                    std::optional<core::Timestamp> planned_until,
                                    core::Timestamp now);

// Windows covering [from, to), each at most min(window, kMaxWindow), aligned on from + k * window.
// Truncated like plan_incremental; continue with from = the last window's end.
core::Result<Plan> plan_backfill(core::Timestamp from, core::Timestamp to, core::Seconds window);

// When the next snapshot is due: last_run + every, or the epoch (due at once) if it never ran.
core::Timestamp next_snapshot(std::optional<core::Timestamp> last_run, core::Seconds every);
bool snapshot_due(std::optional<core::Timestamp> last_run, core::Seconds every,
                  core::Timestamp now);

// What Marketo is sent for a window.
struct MarketoBounds {
  std::string start_at;  // start, e.g. 2024-01-01T00:00:00Z
  std::string end_at;    // end - 1s, inclusive, e.g. 2024-01-07T23:59:59Z
};
MarketoBounds marketo_bounds(const Window& window);
// The inclusive endAt as a time (end - 1s): staged file names carry it.
core::Timestamp marketo_end_at(const Window& window);

}  // namespace msync::exports
