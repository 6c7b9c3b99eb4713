#pragma once
// The soak itself: start marketo-syncd run --once, stop it (kill -9 at a random moment, kill -9
// from an armed crash point, or SIGTERM at a random moment), restart, over and over, dropping
// inbound files as it goes; then one unarmed run to the end. Every moment is drawn from the seed.
#include <chrono>
#include <map>
#include <random>
#include <string>
#include <vector>

#include "soak_options.hpp"
#include "soak_scenario.hpp"

namespace msync::crash_soak {

struct Tally {
  int stops = 0;               // kills (or SIGTERMs) that found the daemon running
  int at_random_moments = 0;
  int at_crash_points = 0;
  int starts = 0;              // of marketo-syncd, the final run included: restarts are starts - 1
  int finished_early_after = -1;  // stops before a run ended on its own with everything done
  std::pair<std::size_t, std::size_t> done_when_stops_ended;  // windows staged, files finished
  int exec_retries = 0;        // starts that failed to exec marketo-syncd (see stop_loop.cpp)
  std::map<std::string, int> landings;
  std::chrono::milliseconds longest_term_stop{0};
};

// The crash points of lib/exports, lib/staging and lib/imports, in the order they are met.
const std::vector<std::string>& crash_points();

class StopLoop {
 public:
  StopLoop(SoakScenario& scenario, const SoakOptions& options);

  // Asserts (gtest) that every stop was taken as it should be and the final run ends with 0.
  Tally run();

 private:
  // One start and its stop; false when the run ended by itself (done, or a failure).
  bool stop_once(int index);
  // After a failed exec: waits and says whether to try again.
  bool exec_retry();
  std::vector<std::string> daemon_argv() const;
  void note_landing(const std::string& where) { ++tally_.landings[where]; }

  SoakScenario& scenario_;
  SoakOptions options_;
  std::mt19937_64 random_;
  std::vector<std::string> point_order_;
  Tally tally_;
};

}  // namespace msync::crash_soak
