#include "fault_run.hpp"

#include <gtest/gtest.h>
#include <sysexits.h>

#include <fmt/format.h>

#include "config_edits.hpp"
#include "daemon_probe.hpp"
#include "export_run.hpp"

namespace msync::fault_test {
namespace {

// Each daemon run stages what it can before a 1029 quota fault pauses it: a year needs a few.
constexpr unsigned kMaxDaemonRuns = 40;

std::string at_ten_percent(const std::string& kind) {
  if (kind == "stall") return fmt::format("stall:0.1:{}", kStall);
  if (kind == "cut") return "cut:0.1:3000";  // a few KB into files of ~6 KB
  return kind + ":0.1";
}

}  // namespace

std::vector<FaultRun> fault_matrix(bool each, const FaultRun& shape) {
  const std::vector<std::string> kinds{"606", "615", "5xx", "expire", "stall", "cut", "malformed", "1029", "failed", "404"};
  std::vector<FaultRun> runs;
  std::string all;
  for (const auto& kind : kinds) {
    all += (all.empty() ? "" : ",") + at_ten_percent(kind);
    if (!each) continue;
    runs.push_back(shape);
    runs.back().name = kind;
    runs.back().spec = at_ten_percent(kind);
  }
  runs.push_back(shape);
  runs.back().name = "all";
  runs.back().spec = all;
  return runs;
}

FaultRunResult run_under_faults(const FaultRun& run) {
  SCOPED_TRACE("faults " + run.spec);
  FaultRunResult result;
  result.run = run;
  const auto started = std::chrono::steady_clock::now();
  export_test::ExportRun scenario({"--faults", run.spec, "--fault-seed", std::to_string(run.seed)}, run.updated_too);
  add_marketo_key(scenario.config(), "read_timeout", kReadTimeout);
  set_window(scenario.config(), run.window);

  test_support::Completed last;
  do {
    last = scenario.run_once();
    ++result.daemon_runs;
  } while (last.exit_code == EX_TEMPFAIL && result.daemon_runs < kMaxDaemonRuns);
  result.duration = std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - started);
  result.tally = tally_requests(scenario.dir() / "requests.jsonl");
  EXPECT_EQ(last.exit_code, 0) << "after " << result.daemon_runs << " run(s): "
                               << last.err.substr(last.err.size() > 6000 ? last.err.size() - 6000 : 0);
  if (last.exit_code != 0) return result;

  scenario.expect_matches_oracle("leads_created", "createdAt");
  result.windows = scenario.staged("leads_created").size();
  if (run.updated_too) {
    scenario.expect_matches_oracle("leads_updated", "updatedAt");
    result.windows += scenario.staged("leads_updated").size();
  }
  expect_nothing_stuck(scenario.config());

  // Bounded: every retry follows a failure, no request failed more than a few times in a row, and
  // a job was created again only for a job Marketo failed, a file it lost, or a create answer the
  // daemon never read.
  const auto& t = result.tally;
  const auto fired = [&](const char* name) { return t.fired.count(name) ? t.fired.at(name) : 0; };
  EXPECT_LE(t.retries, 2 * t.faulted + 20) << "retries out of proportion to the faults";
  // All at once, about half of all calls fail: a request failing ten times in a row somewhere in a
  // run is expected, twenty is a loop.
  EXPECT_LE(t.longest_failure_streak, 20u);
  EXPECT_LE(result.extra_jobs(), fired("failed") + fired("404") + fired("malformed") + fired("stall"))
      << t.jobs_created << " jobs for " << result.windows << " windows";
  return result;
}

void print_table(std::ostream& out, const std::vector<FaultRunResult>& results) {
  out << "| fault | calls | faulted | retries | longest failure streak | extra jobs | daemon runs | duration |\n"
      << "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |\n";
  for (const auto& r : results) {
    out << fmt::format("| {} | {} | {} | {} | {} | {} | {} | {:.1f} s |\n", r.run.name, r.tally.calls, r.tally.faulted,
                       r.tally.retries, r.tally.longest_failure_streak, r.extra_jobs(), r.daemon_runs,
                       static_cast<double>(r.duration.count()) / 1000.0);
  }
}

}  // namespace msync::fault_test
