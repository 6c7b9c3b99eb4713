// Syncs Marketo refuses for good (1035 a filter type the subscription lacks, 1003 a field that does
// not exist) are refused once each, reported in the log, the exit code and /status, and the
// healthy sync beside them still stages its year. (tests/integration/exports covers 1035 alone.)
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <signal.h>
#include <sysexits.h>

#include <thread>

#include "config_edits.hpp"
#include "daemon_probe.hpp"
#include "export_run.hpp"
#include "support/child_process.hpp"

namespace msync::fault_test {
namespace {

using namespace std::chrono_literals;
using ::testing::HasSubstr;

const rapidjson::Value* find_sync(const rapidjson::Document& status, const std::string& name) {
  if (!status.IsObject() || !status.HasMember("syncs")) return nullptr;
  for (const auto& sync : status["syncs"].GetArray())
    if (name == sync["name"].GetString()) return &sync;
  return nullptr;
}

std::string sync_error(const rapidjson::Document& status, const std::string& name) {
  const auto* sync = find_sync(status, name);
  return sync && (*sync)["error"].IsString() ? (*sync)["error"].GetString() : "";
}

// leads_created has staged its year: nothing pending or in flight, a year of 7-day windows.
bool year_staged(const rapidjson::Document& status) {
  const auto* sync = find_sync(status, "leads_created");
  return sync && (*sync)["windowsPending"].GetInt64() == 0 && (*sync)["windowsInFlight"].GetInt64() == 0 &&
         (*sync)["windowsStaged"].GetInt64() >= 52;
}

TEST(PermanentFailures, AreReportedOnceEachAndBlockNoOtherSync) {
  export_test::ExportRun run({"--disable-filter", "updatedAt"}, true);
  add_export(run.config(), "  - name: leads_bad_field\n    entity: leads\n    fields: [id, favouriteColour]\n"
                           "    filter: createdAt\n    start: " + core::format_iso8601(run.epoch()) +
                               "\n    window: 7d\n    lag: 0s\n    every: 1h\n");
  const auto log_path = run.dir() / "daemon.log";
  {
    test_support::ChildProcess daemon(run.daemon_argv(false), {}, log_path);
    const auto port = health_port(log_path, 30s);
    ASSERT_NE(port, 0) << read_text(log_path);
    // The healthy sync goes on to the end of its year while the other two stand stopped.
    std::string body;
    const auto until = std::chrono::steady_clock::now() + 180s;
    for (;;) {
      body = http_get(port, "/status").body;
      rapidjson::Document d;
      d.Parse(body.c_str(), body.size());
      if (!sync_error(d, "leads_updated").empty() && !sync_error(d, "leads_bad_field").empty() && year_staged(d)) break;
      ASSERT_LT(std::chrono::steady_clock::now(), until) << body;
      std::this_thread::sleep_for(200ms);
    }
    EXPECT_THAT(body, HasSubstr("1035"));
    EXPECT_THAT(body, HasSubstr("favouriteColour"));
    daemon.signal(SIGTERM);
    const auto code = daemon.wait_for(10s);
    ASSERT_TRUE(code.has_value()) << "no exit within 10 s of SIGTERM";
    EXPECT_EQ(*code, EX_DATAERR) << "a stop by signal still reports the stopped syncs";
  }
  const std::string log = read_text(log_path);
  EXPECT_THAT(log, HasSubstr("sync leads_updated stopped"));
  EXPECT_THAT(log, HasSubstr("sync leads_bad_field stopped"));

  // The next run tries each stopped sync once more (the operator may have fixed the cause), is
  // refused again after one job each, and says so in its exit code.
  const auto again = run.run_once();
  EXPECT_EQ(again.exit_code, EX_DATAERR) << again.err;
  EXPECT_THAT(again.err, HasSubstr("leads_updated"));
  EXPECT_THAT(again.err, HasSubstr("leads_bad_field"));
  run.expect_matches_oracle("leads_created", "createdAt");
  std::size_t refused_1035 = 0, refused_1003 = 0;
  for (const auto& r : run.requests()) {
    refused_1035 += r.marketo_error == "1035";
    refused_1003 += r.marketo_error == "1003";
  }
  EXPECT_EQ(refused_1035, 2u) << "one refusal per run";
  EXPECT_EQ(refused_1003, 2u) << "one refusal per run";
}

}  // namespace
}  // namespace msync::fault_test
