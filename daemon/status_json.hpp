#pragma once
// The state as one JSON document: what `status --json` prints and GET /status serves.
//
// {"generatedAt", "quotaDay", "exportBytesToday", "callsToday",
//  "syncs": [{"name", "kind", "watermark", "lagSeconds", "windowsStaged", "windowsInFlight",
//             "windowsPending", "windowsFailed", "plannedUntil", "error", "lastJobError"}],
//  "jobsInFlight": [{"sync", "windowStart", "windowEnd", "state", "exportId"}],
//  "importsInFlight": [{"import", "source", "part", "state", "batchId"}],
//  "stagingError"}   why the running daemon's latest write into staging_dir failed; null when
//                    it did not, or when no daemon is asked (status --json)
#include <optional>
#include <string>

#include "core/core.hpp"
#include "state/state.hpp"

namespace msync::daemon {

std::string status_json(const state::StatusSnapshot& snapshot, core::Timestamp now,
                        const std::optional<std::string>& staging_error = std::nullopt);

}  // namespace msync::daemon
