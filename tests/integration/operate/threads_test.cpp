// The daemon does all its work on one thread, the event loop's: nothing it runs needs a data-race
// detector (TSan) to be trusted, and a lock is never needed. This holds it to that while it syncs,
// serves its health endpoint and handles a request: a library that started a thread of its own
// (a resolver, a logger, a pool) would show here.
#include <gtest/gtest.h>
#include <signal.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "integration/operate/daemon_scenario.hpp"
#include "integration/operate/http_probe.hpp"

namespace msync::operate_test {
namespace {

// The names of the process's threads (/proc/PID/task/TID/comm), the main thread's first.
std::vector<std::string> threads_of(pid_t pid) {
  std::vector<std::string> names;
  for (const auto& task : std::filesystem::directory_iterator("/proc/" + std::to_string(pid) + "/task")) {
    std::ifstream comm(task.path() / "comm");
    std::string name;
    std::getline(comm, name);
    names.push_back(task.path().filename().string() + ":" + name);
  }
  std::sort(names.begin(), names.end());
  return names;
}

TEST(Threads, TheDaemonSyncsAndServesOnOneThread) {
  DaemonScenario scenario;
  auto& daemon = scenario.start();
  const auto port = scenario.health_port();
  ASSERT_NE(port, 0) << scenario.log();
  ASSERT_TRUE(scenario.wait_for_manifests("leads_created", 1)) << scenario.log();
  EXPECT_EQ(http_get(port, "/metrics").status, 200u);
  EXPECT_EQ(threads_of(daemon.pid()).size(), 1u) << ::testing::PrintToString(threads_of(daemon.pid()));
  ASSERT_TRUE(scenario.wait_for_manifests("leads_created", 3)) << scenario.log();
  EXPECT_EQ(threads_of(daemon.pid()).size(), 1u) << ::testing::PrintToString(threads_of(daemon.pid()));
  daemon.signal(SIGTERM);
  const auto code = daemon.wait_for(10s);
  ASSERT_TRUE(code.has_value());
  EXPECT_EQ(*code, 0) << scenario.log();
}

}  // namespace
}  // namespace msync::operate_test
