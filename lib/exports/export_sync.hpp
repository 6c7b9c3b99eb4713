#pragma once
// One configured export sync as the engine sees it: plain values built by the composition root
// from the configuration (the engine never sees YAML).
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "core/core.hpp"
#include "exports/window_planner.hpp"
#include "marketo/marketo.hpp"
#include "staging/staging.hpp"

namespace msync::exports {

struct ExportSync {
  std::string name;              // [a-z0-9_]+: a folder under staging_dir
  // The entity (which path every call of its jobs uses: a restart re-attaches through the sync),
  // fields, format and header names as create.json takes them; the filter's type and, for lists
  // and programs, its ids or name. A windowed filter's bounds are filled in per window.
  marketo::ExportSpec request;
  // How staged files are stored; their manifest's size and checksum stay those of the raw bytes.
  staging::Compression compression = staging::Compression::none;
  // Set for createdAt / updatedAt syncs (incremental windows); absent for list snapshots.
  std::optional<IncrementalPolicy> windows;
  // The schedule: when, after a planning run at t, the next one is due ("every" or cron).
  std::function<core::Timestamp(core::Timestamp)> next_run_after;

  bool windowed() const { return windows.has_value(); }
};

// The create.json body for one window of a sync: the template with the window's bounds, or the
// list filter as configured for a snapshot; a program members snapshot window names its one
// program (program_id, when not 0) in place of the configured ones.
marketo::ExportSpec export_spec_for(const ExportSync& sync, core::Timestamp window_start,
                                    core::Timestamp window_end, std::int64_t program_id = 0);

// The windows one snapshot run of the sync plans, by program: each program of a programIds filter
// on its own (one file per program per run, as loaders of one program expect), else one window (0).
std::vector<std::int64_t> snapshot_programs(const ExportSync& sync);

}  // namespace msync::exports
