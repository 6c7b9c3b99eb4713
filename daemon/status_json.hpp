#pragma once
// The state as one JSON document: what `status --json` prints and GET /status serves.
//
// {"generatedAt", "quotaDay", "exportBytesToday", "callsToday",
//  "syncs": [{"name", "kind", "watermark", "lagSeconds", "windowsStaged", "windowsInFlight",
//             "windowsPending", "windowsFailed", "plannedUntil", "error", "lastJobError"}],
//  "jobsInFlight": [{"sync", "windowStart", "windowEnd", "state", "exportId"}],
//  "importsInFlight": [{"import", "source", "part", "state", "batchId"}]}
#include <string>

#include "core/core.hpp"
#include "state/state.hpp"

namespace msync::daemon {

std::string status_json(const state::StatusSnapshot& snapshot, core::Timestamp now);

}  // namespace msync::daemon
