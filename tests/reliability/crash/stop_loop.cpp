#include "stop_loop.hpp"

#include <gtest/gtest.h>
#include <signal.h>

#include <algorithm>
#include <fstream>
#include <sstream>
#include <thread>

#include "landing.hpp"
#include "signal_readiness.hpp"
#include "support/child_process.hpp"

namespace msync::crash_soak {
namespace {

using namespace std::chrono;
using namespace std::chrono_literals;

constexpr int kKilled = 128 + SIGKILL;
// ChildProcess's code when exec fails: the binary is missing or half-written (being relinked by a
// build beside the soak). Not the daemon's doing: wait and start again, a bounded number of times.
constexpr int kNotExecuted = 127;
constexpr int kMostExecRetries = 60;
// The bound for a clean stop.
constexpr auto kTermDeadline = 10s;

std::string tail_of(const std::filesystem::path& log, std::size_t bytes = 3000) {
  std::ifstream in(log, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  const std::string all = text.str();
  return all.size() <= bytes ? all : all.substr(all.size() - bytes);
}

}  // namespace

const std::vector<std::string>& crash_points() {
  static const std::vector<std::string> points{
      "export.after_create",   "export.after_enqueue",         "export.mid_download",  "export.after_file_rename",
      "export.before_staged_commit", "import.after_upload", "import.before_results", "import.after_results"};
  return points;
}

StopLoop::StopLoop(SoakScenario& scenario, const SoakOptions& options)
    : scenario_(scenario), options_(options), random_(options.seed), point_order_(crash_points()) {
  std::shuffle(point_order_.begin(), point_order_.end(), random_);
}

std::vector<std::string> StopLoop::daemon_argv() const { return scenario_.run().daemon_argv(true); }

Tally StopLoop::run() {
  // Files arrive over the first half of the stops, so imports are in flight through most of them.
  const int spread = std::max(1, options_.kills / 2);
  for (int index = 0; index < options_.kills; ++index) {
    scenario_.drop_files_up_to((options_.import_files * (index + 1) + spread - 1) / spread);
    if (!stop_once(index)) break;
  }
  tally_.done_when_stops_ended = scenario_.progress();
  scenario_.drop_files_up_to(options_.import_files);
  ++tally_.starts;
  auto last = test_support::run_to_completion(daemon_argv(), {}, 600s);
  while (last.exit_code == kNotExecuted && exec_retry()) last = test_support::run_to_completion(daemon_argv(), {}, 600s);
  EXPECT_EQ(last.exit_code, 0) << "the final, unarmed run:\n" << last.err.substr(last.err.size() - std::min<std::size_t>(last.err.size(), 3000));
  return tally_;
}

bool StopLoop::exec_retry() {
  if (++tally_.exec_retries > kMostExecRetries) {
    ADD_FAILURE() << "marketo-syncd could not be executed " << kMostExecRetries << " times in all";
    return false;
  }
  std::this_thread::sleep_for(2s);
  return true;
}

bool StopLoop::stop_once(int index) {
  // kill -9 alternates between a random moment and an armed crash point; SIGTERM has no points.
  const bool at_point = options_.signal == StopSignal::kill && index % 2 == 1;
  test_support::Environment env;
  std::string armed;
  if (at_point) {
    armed = point_order_[static_cast<std::size_t>(index / 2) % point_order_.size()];
    env.set["MSYNC_CRASH_AT"] = armed;
  }
  std::uniform_real_distribution<double> gap(options_.min_gap, options_.max_gap);
  // An armed point that is not met (its phase is over) falls back to a random moment, later.
  const auto moment = duration_cast<milliseconds>(duration<double>(gap(random_) * (at_point ? 2 : 1)));

  test_support::ChildProcess daemon(daemon_argv(), env, scenario_.daemon_log());
  ++tally_.starts;
  // kill -9 counts from the start; SIGTERM from when the daemon can take it (signal_readiness.hpp).
  if (options_.signal == StopSignal::term) {
    EXPECT_TRUE(wait_until_sigterm_is_handled(daemon.pid(), 60s)) << "run " << index << " never blocked or caught SIGTERM";
  }
  if (auto ended = daemon.wait_for(moment)) {
    if (*ended == kNotExecuted && exec_retry()) {
      --tally_.starts;
      return stop_once(index);
    }
    if (at_point && *ended == kKilled) {
      ++tally_.stops;
      ++tally_.at_crash_points;
      note_landing("crash point " + armed);
      return true;
    }
    EXPECT_EQ(*ended, 0) << "run " << index << " ended by itself with " << *ended << ":\n" << tail_of(scenario_.daemon_log());
    tally_.finished_early_after = tally_.stops;
    return false;
  }
  const int signal_number = options_.signal == StopSignal::kill ? SIGKILL : SIGTERM;
  const auto sent = steady_clock::now();
  daemon.signal(signal_number);
  const auto code = daemon.wait_for(signal_number == SIGKILL ? milliseconds(10s) : milliseconds(kTermDeadline));
  const auto took = duration_cast<milliseconds>(steady_clock::now() - sent);
  if (signal_number == SIGTERM) {
    EXPECT_TRUE(code.has_value()) << "run " << index << ": no exit within 10 s of SIGTERM";
    if (code) {
      EXPECT_EQ(*code, 0) << "run " << index << ": SIGTERM\n" << tail_of(scenario_.daemon_log());
    }
    tally_.longest_term_stop = std::max(tally_.longest_term_stop, took);
  } else {
    EXPECT_TRUE(code.has_value()) << "run " << index << " outlived SIGKILL";
  }
  ++tally_.stops;
  ++tally_.at_random_moments;
  if (at_point) note_landing("armed " + armed + ", not met: at a random moment");
  for (const auto& where : landing_of(scenario_.state_db(), scenario_.staging_dir())) note_landing(where);
  return !testing::Test::HasFatalFailure();
}

}  // namespace msync::crash_soak
