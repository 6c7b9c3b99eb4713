// SIGHUP: the configuration is read again. Valid: RELOADING=1 (with MONOTONIC_USEC) and READY=1
// around it, and the change takes effect. Invalid: every error logged as FILE:LINE:COL, the
// running configuration kept. Settings the process holds (state_db, health) need a restart.
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <signal.h>

#include <fstream>
#include <regex>
#include <thread>

#include "integration/operate/daemon_scenario.hpp"
#include "integration/operate/http_probe.hpp"
#include "integration/operate/notify_socket.hpp"

namespace msync::operate_test {
namespace {

using ::testing::HasSubstr;
using ::testing::MatchesRegex;

class Reload : public ::testing::Test {
 protected:
  void SetUp() override {
    notify_ = std::make_unique<NotifySocket>(scenario_.dir() / "notify");
    scenario_.start({}, {{{"NOTIFY_SOCKET", notify_->path().string()}}, {"WATCHDOG_USEC", "JOURNAL_STREAM"}});
    const auto ready = notify_->wait_for_prefix("READY=1\n", 30s);
    ASSERT_TRUE(ready) << scenario_.log();
    const auto ready_at = std::chrono::steady_clock::now();
    port_ = scenario_.health_port();
    ASSERT_NE(port_, 0) << scenario_.log();
    ASSERT_TRUE(scenario_.wait_for_manifests("leads_created", 1)) << scenario_.log();
    // A restarted engine plans from its last window's end to now; within 2 s of the previous
    // plan that is a window of one second, which export.create refuses (endAt == startAt) and
    // which stops the sync: a planner issue of lib/exports, reported. Stay clear of it.
    std::this_thread::sleep_until(ready_at + 3s);
  }

  // SIGHUP, then RELOADING=1 with MONOTONIC_USEC in one message, then READY=1.
  void reload() {
    const std::size_t before = notify_->messages().size();
    scenario_.daemon().signal(SIGHUP);
    const auto reloading = notify_->wait_for_prefix("RELOADING=1\n", 30s, before);
    ASSERT_TRUE(reloading) << ::testing::PrintToString(notify_->messages()) << scenario_.log();
    EXPECT_THAT(notify_->messages()[*reloading], MatchesRegex("RELOADING=1\nMONOTONIC_USEC=[1-9][0-9]*\n.*"));
    const auto ready = notify_->wait_for_prefix("READY=1\n", 30s, *reloading);
    ASSERT_TRUE(ready) << ::testing::PrintToString(notify_->messages()) << scenario_.log();
  }

  void stop() {
    scenario_.daemon().signal(SIGTERM);
    const auto code = scenario_.daemon().wait_for(10s);
    ASSERT_TRUE(code.has_value()) << "no exit within 10 s of SIGTERM";
    EXPECT_EQ(*code, 0) << scenario_.log();
  }

  DaemonScenario scenario_;
  std::unique_ptr<NotifySocket> notify_;
  std::uint16_t port_ = 0;
};

TEST_F(Reload, AValidConfigurationTakesEffect) {
  scenario_.write_config({"leads_created", "leads_updated"});
  reload();
  EXPECT_TRUE(scenario_.wait_for_log("sync leads_updated: planned")) << scenario_.log();
  EXPECT_TRUE(scenario_.wait_for_manifests("leads_updated", 6)) << scenario_.log();
  EXPECT_TRUE(scenario_.wait_for_manifests("leads_created", 6)) << scenario_.log();
  EXPECT_EQ(http_get(port_, "/livez").status, 200u) << "the health endpoint stays where it was";
  stop();
}

TEST_F(Reload, AnInvalidConfigurationIsRefusedAndTheRunningOneKept) {
  scenario_.write_config({"leads_created", "leads_updated"}, "    colour: blue\n");
  reload();
  const std::string log = scenario_.log();
  // Line 21, column 5: the key added after the first sync's 8 lines, which start at line 13.
  EXPECT_THAT(log, HasSubstr(scenario_.config().string() + ":21:5: unknown key 'colour' in exports[0]"));
  EXPECT_THAT(log, HasSubstr("reload refused (1 error(s)): keeping the running configuration"));
  EXPECT_FALSE(scenario_.daemon().wait_for(0ms).has_value()) << "the daemon must keep running";
  EXPECT_EQ(http_get(port_, "/livez").status, 200u);
  EXPECT_TRUE(scenario_.wait_for_manifests("leads_created", 6)) << scenario_.log();
  EXPECT_EQ(scenario_.manifests("leads_updated"), 0u) << "the refused configuration must not run";
  stop();
}

TEST_F(Reload, StateDbAndHealthNeedARestart) {
  std::ifstream in(scenario_.config());
  std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  text = std::regex_replace(text, std::regex("state_db: state.db"), "state_db: other.db");
  text = std::regex_replace(text, std::regex("listen: 127.0.0.1:0"), "listen: 127.0.0.1:1");
  std::ofstream(scenario_.dir() / "config.yaml.part") << text;
  std::filesystem::rename(scenario_.dir() / "config.yaml.part", scenario_.config());
  reload();
  const std::string log = scenario_.log();
  EXPECT_THAT(log, HasSubstr("reload: state_db changed to " + (scenario_.dir() / "other.db").string() +
                             ": this needs a restart; still using " + (scenario_.dir() / "state.db").string()));
  EXPECT_THAT(log, HasSubstr("reload: health changed to http://127.0.0.1:1: this needs a restart"));
  EXPECT_EQ(http_get(port_, "/livez").status, 200u);
  EXPECT_FALSE(std::filesystem::exists(scenario_.dir() / "other.db"));
  stop();
}

}  // namespace
}  // namespace msync::operate_test
