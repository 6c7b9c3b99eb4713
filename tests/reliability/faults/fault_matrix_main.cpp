// fault_matrix: a year's backfill by marketo-syncd against fake-marketo injecting faults at 10 %
// of the calls each applies to, checked against the oracle; prints the README's table.
//   fault_matrix                           every fault at once, 28-day windows (what ctest runs)
//   fault_matrix --each --window 7d        each fault alone, then all at once (the long mode)
//   fault_matrix --updated                 a second, updatedAt sync in every run
// The checks are gtest assertions; gtest's own flags (--gtest_*) are accepted too.
#include <CLI/CLI.hpp>
#include <gtest/gtest.h>

#include <iostream>

#include "fault_run.hpp"

namespace {

using namespace msync::fault_test;

bool each = false;
FaultRun shape{"", "", 20261123, false, "28d"};

TEST(FaultMatrix, EveryRunEndsEqualToTheOracleWithBoundedRetries) {
  std::vector<FaultRunResult> results;
  for (const auto& run : fault_matrix(each, shape)) {
    results.push_back(run_under_faults(run));
    std::cout << "faults " << run.spec << ": done in " << results.back().duration.count() << " ms" << std::endl;
  }
  print_table(std::cout, results);
}

}  // namespace

int main(int argc, char** argv) {
  testing::InitGoogleTest(&argc, argv);
  CLI::App app{"Backfills a year against fake-marketo under injected faults and checks the result."};
  app.add_flag("--each", each, "each fault alone first, then all at once");
  app.add_flag("--updated", shape.updated_too, "a second, updatedAt sync");
  app.add_option("--window", shape.window, "the syncs' window (7d is the other tests' shape)")->capture_default_str();
  app.add_option("--seed", shape.seed, "fake-marketo's --fault-seed")->capture_default_str();
  CLI11_PARSE(app, argc, argv);
  return RUN_ALL_TESTS();
}
