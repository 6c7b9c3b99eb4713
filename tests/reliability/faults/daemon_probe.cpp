#include "daemon_probe.hpp"

#include <gtest/gtest.h>

#include <fstream>
#include <regex>
#include <sstream>
#include <thread>

#include "support/child_process.hpp"
#include "support/paths.hpp"

namespace msync::fault_test {

std::string read_text(const std::filesystem::path& path) {
  std::ifstream in(path);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

rapidjson::Document status_json(const std::filesystem::path& config) {
  const auto answer =
      test_support::run_to_completion({test_support::syncd_binary(), "status", "--config", config.string(), "--json"});
  EXPECT_EQ(answer.exit_code, 0) << answer.err;
  rapidjson::Document d;
  d.Parse(answer.out.c_str(), answer.out.size());
  EXPECT_FALSE(d.HasParseError()) << answer.out;
  return d;
}

void expect_nothing_stuck(const std::filesystem::path& config) {
  const auto d = status_json(config);
  ASSERT_TRUE(d.IsObject() && d.HasMember("syncs"));
  for (const auto& sync : d["syncs"].GetArray()) {
    const std::string name = sync["name"].GetString();
    EXPECT_TRUE(sync["error"].IsNull()) << name << ": " << sync["error"].GetString();
    EXPECT_EQ(sync["windowsPending"].GetInt64(), 0) << name;
    EXPECT_EQ(sync["windowsInFlight"].GetInt64(), 0) << name;
    EXPECT_EQ(sync["windowsFailed"].GetInt64(), 0) << name;
  }
  EXPECT_EQ(d["jobsInFlight"].Size(), 0u) << "jobs left live";
}

Probe http_get(std::uint16_t port, const std::string& path) {
  const auto answer = test_support::run_to_completion(
      {"/usr/bin/curl", "-s", "-m", "10", "-w", "\n%{http_code}", "http://127.0.0.1:" + std::to_string(port) + path});
  Probe probe;
  const auto last = answer.out.rfind('\n');
  if (last == std::string::npos) return probe;
  probe.body = answer.out.substr(0, last);
  probe.status = static_cast<unsigned>(std::stoul("0" + answer.out.substr(last + 1)));
  return probe;
}

std::uint16_t health_port(const std::filesystem::path& daemon_log, std::chrono::seconds deadline) {
  static const std::regex announced("health endpoint listening on http://127\\.0\\.0\\.1:([0-9]+)");
  const auto until = std::chrono::steady_clock::now() + deadline;
  while (std::chrono::steady_clock::now() < until) {
    std::smatch match;
    const std::string log = read_text(daemon_log);
    if (std::regex_search(log, match, announced)) return static_cast<std::uint16_t>(std::stoul(match[1]));
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  return 0;
}

}  // namespace msync::fault_test
