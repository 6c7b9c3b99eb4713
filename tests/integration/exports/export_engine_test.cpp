// marketo-syncd run against fake-marketo, end to end: a year of createdAt and updatedAt windows
// staged exactly once and equal to the oracle row for row, under the faults and limits Marketo
// really produces.
#include <gtest/gtest.h>
#include <signal.h>
#include <sysexits.h>

#include <thread>

#include "export_run.hpp"
#include "support/paths.hpp"

using namespace msync;
using namespace std::chrono_literals;
using export_test::ExportRun;

namespace {

void post_admin(ExportRun& run, const std::string& path) {
  auto result = test_support::run_to_completion({"/usr/bin/curl", "-sf", "-X", "POST", run.fake().url() + path});
  ASSERT_EQ(result.exit_code, 0) << path << ": " << result.err;
}

std::size_t windows_staged(const ExportRun& run) {
  return run.staged("leads_created").size() + run.staged("leads_updated").size();
}

}  // namespace

TEST(ExportEngine, YearOfCreatedAtAndUpdatedAtMatchesOracleWithLeanCallPattern) {
  ExportRun run({}, true, 100);  // Marketo's own call limit
  const auto result = run.run_once();
  ASSERT_EQ(result.exit_code, 0) << result.err;
  run.expect_matches_oracle("leads_created", "createdAt");
  run.expect_matches_oracle("leads_updated", "updatedAt");

  const std::size_t windows = windows_staged(run);
  EXPECT_GE(windows, 2u * 53u);
  // Per window: one create, one enqueue, one file; polls bounded; one token for the whole run.
  EXPECT_EQ(run.count("POST", "/create.json"), windows);
  EXPECT_EQ(run.count("POST", "/enqueue.json"), windows);
  EXPECT_EQ(run.count("GET", "/file.json"), windows);
  EXPECT_LE(run.count("GET", "/status.json"), windows * 4);
  EXPECT_LE(run.count("GET", "/oauth/token"), 2u);
}

TEST(ExportEngine, DisabledFilterStopsOnlyItsSyncWithAClearMessage) {
  ExportRun run({"--disable-filter", "updatedAt"});
  const auto result = run.run_once();
  EXPECT_EQ(result.exit_code, EX_DATAERR) << result.err;
  EXPECT_NE(result.err.find("leads_updated"), std::string::npos) << result.err;
  EXPECT_NE(result.err.find("1035"), std::string::npos) << result.err;
  run.expect_matches_oracle("leads_created", "createdAt");
  EXPECT_TRUE(run.staged("leads_updated").empty());
  // Refused once, never looped on.
  std::size_t refused = 0;
  for (const auto& r : run.requests()) refused += r.marketo_error == "1035";
  EXPECT_EQ(refused, 1u);
}

TEST(ExportEngine, SigtermMidBackfillThenRestartLosesAndDuplicatesNothing) {
  ExportRun run;
  {
    test_support::ChildProcess daemon(run.daemon_argv(false), {}, run.dir() / "daemon.log");
    const auto deadline = std::chrono::steady_clock::now() + 120s;
    auto manifests = [&] { return run.manifests("leads_created") + run.manifests("leads_updated"); };
    while (manifests() < 20 && std::chrono::steady_clock::now() < deadline) std::this_thread::sleep_for(100ms);
    ASSERT_GE(manifests(), 20u) << "the daemon staged too little before the deadline";
    daemon.signal(SIGTERM);
    const auto code = daemon.wait_for(10s);
    ASSERT_TRUE(code.has_value()) << "no exit within 10 s of SIGTERM";
    EXPECT_EQ(*code, 0);
  }
  const auto result = run.run_once();
  ASSERT_EQ(result.exit_code, 0) << result.err;
  run.expect_matches_oracle("leads_created", "createdAt");
  run.expect_matches_oracle("leads_updated", "updatedAt");
  // Never a second live job for a window: one enqueue per staged window.
  EXPECT_EQ(run.count("POST", "/enqueue.json"), windows_staged(run));
}

TEST(ExportEngine, ConnectionsCutMidFileResumeWithRangeAndVerify) {
  ExportRun run({"--faults", "cut:0.5:3000", "--fault-seed", "5"}, false);
  const auto result = run.run_once();
  ASSERT_EQ(result.exit_code, 0) << result.err;
  run.expect_matches_oracle("leads_created", "createdAt");
  EXPECT_GT(run.count("GET", "/file.json"), run.staged("leads_created").size()) << "no download was resumed";
}

TEST(ExportEngine, ForeignJobsHoldingTheQueueOnlyDelay) {
  ExportRun run({"--foreign-jobs", "9", "--foreign-job-seconds", "3"}, false);
  const auto result = run.run_once();
  ASSERT_EQ(result.exit_code, 0) << result.err;
  run.expect_matches_oracle("leads_created", "createdAt");
  EXPECT_EQ(run.count("POST", "/create.json"), run.staged("leads_created").size());
}

TEST(ExportEngine, TokenExpiryMidRunReauthenticates) {
  ExportRun run({"--token-ttl", "3"}, false);
  const auto result = run.run_once();
  ASSERT_EQ(result.exit_code, 0) << result.err;
  run.expect_matches_oracle("leads_created", "createdAt");
  EXPECT_GE(run.count("GET", "/oauth/token"), 2u);
}

TEST(ExportEngine, DailyQuotaPausesUntilTheResetThenResumes) {
  ExportRun run({"--daily-quota", "150000"}, false);
  const auto first = run.run_once();
  ASSERT_EQ(first.exit_code, EX_TEMPFAIL) << first.err;
  const auto staged_before = run.staged("leads_created").size();
  EXPECT_GT(staged_before, 0u);
  // Midnight in Chicago, as far as fake-marketo is concerned.
  post_admin(run, "/admin/advance-clock?seconds=86400");
  test_support::Completed second;
  for (int day = 0; day < 5; ++day) {
    second = run.run_once();
    if (second.exit_code != EX_TEMPFAIL) break;
    post_admin(run, "/admin/advance-clock?seconds=86400");
  }
  ASSERT_EQ(second.exit_code, 0) << second.err;
  EXPECT_GT(run.staged("leads_created").size(), staged_before);
  run.expect_matches_oracle("leads_created", "createdAt");
}
