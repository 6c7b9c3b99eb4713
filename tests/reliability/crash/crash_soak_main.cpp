// crash_soak: marketo-syncd stopped anywhere, over and over, loses and duplicates nothing.
//   crash_soak --kills 25 --seed 20261123      kill -9: random moments alternating with crash points
//   crash_soak --signal term --kills 8         SIGTERM at random moments: each a clean exit 0 within 10 s
// Then the end state is checked against fake-marketo's oracle and its request log (soak_scenario.hpp).
// The checks are gtest assertions; gtest's own flags (--gtest_*) are accepted too.
#include <CLI/CLI.hpp>
#include <gtest/gtest.h>

#include <fmt/format.h>

#include <iostream>

#include "soak_options.hpp"
#include "soak_scenario.hpp"
#include "stop_loop.hpp"
#include "summary.hpp"

namespace {

using namespace msync::crash_soak;

SoakOptions options;

TEST(CrashSoak, StoppedAnywhereTheDaemonLosesAndDuplicatesNothing) {
  const auto started = std::chrono::steady_clock::now();
  SoakScenario scenario(options);
  const Tally tally = StopLoop(scenario, options).run();
  EXPECT_EQ(tally.stops, options.kills)
      << "the work was all done after " << tally.stops << " stops: slow fake-marketo (--process-seconds) or "
      << "stop sooner (--max-gap)";
  const Findings findings = scenario.check_everything();
  print_summary(std::cout, options, tally, findings,
                std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - started));
}

}  // namespace

int main(int argc, char** argv) {
  testing::InitGoogleTest(&argc, argv);
  CLI::App app{"Stops marketo-syncd at random moments and crash points until a year's backfill and the "
               "inbound imports are done, then checks that nothing was lost or duplicated."};
  app.add_option("--kills", options.kills, "how many stops")->capture_default_str()->check(CLI::PositiveNumber);
  app.add_option("--seed", options.seed, "seed of every random choice")->capture_default_str();
  app.add_option("--signal", options.signal, "kill (kill -9 and crash points) or term (SIGTERM)")
      ->transform(CLI::CheckedTransformer(std::map<std::string, StopSignal>{{"kill", StopSignal::kill},
                                                                              {"term", StopSignal::term}}));
  app.add_option("--min-gap", options.min_gap, "earliest random stop, seconds after a start")->capture_default_str();
  app.add_option("--max-gap", options.max_gap, "latest random stop, seconds after a start")->capture_default_str();
  app.add_option("--process-seconds", options.process_seconds,
                 "fake-marketo's Processing time per export job (default: 0.8, or 0.06 per stop above 25)");
  app.add_option("--import-files", options.import_files, "inbound files")->capture_default_str();
  app.add_option("--rows-per-file", options.rows_per_file, "members per file")->capture_default_str();
  CLI11_PARSE(app, argc, argv);
  if (options.process_seconds.empty())
    options.process_seconds = options.kills <= 25 ? "0.8" : fmt::format("{:.2f}", 0.06 * options.kills);
  return RUN_ALL_TESTS();
}
