#pragma once
// When staging one window completes a contiguous range, and which: the range a loader waiting for
// a `_SUCCESS` marker may now take whole. Pure: the sync's windows in, the range out.
#include <optional>
#include <vector>

#include "core/core.hpp"
#include "state/state.hpp"

namespace msync::exports {

struct CompletedRange {
  core::Timestamp from;  // inclusive
  core::Timestamp to;    // exclusive
  std::vector<state::WindowFile> windows;  // by start, every one staged
};

// An incremental window being staged: the range the watermark advances over, from where it stood
// to the end of the longest run of staged windows that this one joins to it; nullopt when this
// window does not move it (an earlier window is still missing). `windows` are the sync's
// incremental windows; `current` (the window being staged, with its file) counts as staged.
std::optional<CompletedRange> watermark_advance(const std::vector<state::WindowFile>& windows,
                                                const state::WindowFile& current,
                                                core::Timestamp watermark);

// A backfill window being staged: the block of backfill windows joined end to start around it,
// when every one of them is now staged; nullopt while some are still to come.
std::optional<CompletedRange> completed_backfill(const std::vector<state::WindowFile>& windows,
                                                 const state::WindowFile& current);

}  // namespace msync::exports
