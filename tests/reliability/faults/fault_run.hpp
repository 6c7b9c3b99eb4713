#pragma once
// One row of the fault matrix: a year's createdAt (and updatedAt) backfill by marketo-syncd
// against fake-marketo with --faults SPEC, run with --once again while it ends paused on a 1029
// "Export daily quota exceeded" (exit 75), as an operator's timer would. The checks are gtest
// assertions: staged data equals the oracle, nothing left stuck, retries and extra jobs bounded.
#include <chrono>
#include <cstdint>
#include <ostream>
#include <string>
#include <vector>

#include "request_tally.hpp"

namespace msync::fault_test {

struct FaultRun {
  std::string name;  // the row's label: a fault kind or "all"
  std::string spec;  // fake-marketo --faults
  std::uint64_t seed = 1;
  bool updated_too = false;  // a second, updatedAt sync
  std::string window = "7d";  // the syncs' window: fewer, larger windows make a shorter run
};

struct FaultRunResult {
  FaultRun run;
  RequestTally tally;
  std::size_t windows = 0;  // staged, every sync
  unsigned daemon_runs = 0;  // run --once invocations until exit 0
  std::chrono::milliseconds duration{0};
  std::size_t extra_jobs() const { return tally.jobs_created > windows ? tally.jobs_created - windows : 0; }
};

// A stall must outlast the daemon's read timeout, and a test cannot wait Marketo-sized minutes.
inline constexpr const char* kReadTimeout = "2s";
inline constexpr const char* kStall = "3s";

// Each fault alone at 10 % of the calls it applies to, then all of them at once.
std::vector<FaultRun> fault_matrix(bool each, const FaultRun& shape);

FaultRunResult run_under_faults(const FaultRun& run);

// The README's table: fault, calls, faulted, retries, longest failure streak, extra jobs, runs, duration.
void print_table(std::ostream& out, const std::vector<FaultRunResult>& results);

}  // namespace msync::fault_test
