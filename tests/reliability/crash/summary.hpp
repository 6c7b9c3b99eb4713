#pragma once
// The soak's report on stdout: stops and restarts, where the stops landed, what was checked.
#include <chrono>
#include <ostream>

#include "soak_options.hpp"
#include "soak_scenario.hpp"
#include "stop_loop.hpp"

namespace msync::crash_soak {

void print_summary(std::ostream& out, const SoakOptions& options, const Tally& tally, const Findings& findings,
                   std::chrono::milliseconds duration);

}  // namespace msync::crash_soak
