// What marketo-syncd run tells systemd, read from a real unix datagram socket given as
// NOTIFY_SOCKET: READY=1, STATUS= as work moves, WATCHDOG=1 at half WATCHDOG_USEC, STOPPING=1.
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <signal.h>

#include <algorithm>

#include "integration/operate/daemon_scenario.hpp"
#include "integration/operate/notify_socket.hpp"

namespace msync::operate_test {
namespace {

using ::testing::HasSubstr;
using ::testing::StartsWith;

test_support::Environment notify_env(const NotifySocket& notify, std::map<std::string, std::string> more = {}) {
  more["NOTIFY_SOCKET"] = notify.path().string();
  std::vector<std::string> unset;
  for (const char* name : {"WATCHDOG_USEC", "WATCHDOG_PID", "JOURNAL_STREAM"})
    if (!more.count(name)) unset.push_back(name);
  return {more, unset};
}

std::size_t count(const std::vector<std::string>& messages, const std::string& text) {
  return static_cast<std::size_t>(std::count(messages.begin(), messages.end(), text));
}

TEST(Notify, ReadyThenStatusAsWorkMovesThenStoppingOnSigterm) {
  DaemonScenario scenario;
  NotifySocket notify(scenario.dir() / "notify");
  auto& daemon = scenario.start({}, notify_env(notify));
  const auto ready = notify.wait_for_prefix("READY=1\n", 30s);
  ASSERT_TRUE(ready) << scenario.log();
  EXPECT_THAT(notify.messages()[*ready], HasSubstr("\nSTATUS="));
  // The windows of the month get staged: the summary follows them.
  const auto staged = notify.wait_for(
      [](const std::string& m) { return m.starts_with("STATUS=1 sync: 6 windows staged, 0 waiting"); }, 60s, *ready);
  ASSERT_TRUE(staged) << ::testing::PrintToString(notify.messages()) << scenario.log();

  daemon.signal(SIGTERM);
  const auto stopping = notify.wait_for_prefix("STOPPING=1", 10s, *staged);
  EXPECT_TRUE(stopping) << ::testing::PrintToString(notify.messages());
  const auto code = daemon.wait_for(10s);
  ASSERT_TRUE(code.has_value()) << "no exit within 10 s of SIGTERM";
  EXPECT_EQ(*code, 0) << scenario.log();
  EXPECT_EQ(count(notify.messages(), "WATCHDOG=1"), 0u) << "keep-alives without WATCHDOG_USEC";
}

TEST(Notify, WatchdogKeepAlivesArriveAtHalfTheInterval) {
  DaemonScenario scenario;
  NotifySocket notify(scenario.dir() / "notify");
  auto& daemon = scenario.start({}, notify_env(notify, {{"WATCHDOG_USEC", "200000"}}));
  ASSERT_TRUE(notify.wait_for_prefix("READY=1\n", 30s)) << scenario.log();
  // Every 100 ms: five of them take half a second, allowed ten times as long on a busy machine.
  std::size_t seen = 0;
  const bool five = eventually(
      [&] {
        notify.drain(100ms);
        seen = count(notify.messages(), "WATCHDOG=1");
        return seen >= 5;
      },
      5s);
  EXPECT_TRUE(five) << seen << " keep-alive(s)";
  daemon.signal(SIGTERM);
  const auto code = daemon.wait_for(10s);
  ASSERT_TRUE(code.has_value());
  EXPECT_EQ(*code, 0);
}

TEST(Notify, NoKeepAlivesWhenTheWatchdogIsForAnotherProcess) {
  DaemonScenario scenario;
  NotifySocket notify(scenario.dir() / "notify");
  auto& daemon = scenario.start({}, notify_env(notify, {{"WATCHDOG_USEC", "200000"}, {"WATCHDOG_PID", "1"}}));
  ASSERT_TRUE(notify.wait_for_prefix("READY=1\n", 30s)) << scenario.log();
  notify.drain(1s);
  EXPECT_EQ(count(notify.messages(), "WATCHDOG=1"), 0u);
  daemon.signal(SIGTERM);
  ASSERT_TRUE(daemon.wait_for(10s).has_value());
}

}  // namespace
}  // namespace msync::operate_test
