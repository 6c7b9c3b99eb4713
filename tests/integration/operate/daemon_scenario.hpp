#pragma once
// marketo-syncd against fake-marketo as an operator meets it: a month of leads on a fast clock, a
// config written for it (health on 127.0.0.1:0), the daemon started with its output in a log file
// that the test reads while it runs.
#include <chrono>
#include <filesystem>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "support/child_process.hpp"
#include "support/fake_marketo.hpp"
#include "support/temp_dir.hpp"

namespace msync::operate_test {

using namespace std::chrono_literals;

struct ScenarioOptions {
  std::vector<std::string> fake_flags;     // added to fake-marketo's
  std::vector<std::string> syncs = {"leads_created"};  // createdAt / updatedAt syncs by name
  std::string client_id = "demo-client";
  std::string client_secret = "demo-secret";
  bool start_fake = true;                  // false: base_url points at `base_url` instead
  std::string base_url;
};

class DaemonScenario {
 public:
  explicit DaemonScenario(ScenarioOptions options = {});
  ~DaemonScenario();

  const std::filesystem::path& dir() const { return dir_.path(); }
  std::filesystem::path config() const { return dir_ / "config.yaml"; }
  std::filesystem::path log_path() const { return dir_ / "daemon.log"; }
  test_support::FakeMarketo& fake() { return *fake_; }

  // The config for these syncs (names ending in _updated filter on updatedAt); `extra` is
  // appended to the first sync (e.g. "    colour: blue\n" to break it).
  void write_config(const std::vector<std::string>& syncs, const std::string& extra = "");

  // marketo-syncd run --config ... plus args, output appended to log_path().
  test_support::ChildProcess& start(const std::vector<std::string>& args = {}, const test_support::Environment& env = {});
  test_support::ChildProcess& daemon() { return *daemon_; }
  // marketo-syncd <args> to completion (e.g. {"run", "--once"}); --config is added.
  test_support::Completed run(std::vector<std::string> args, const test_support::Environment& env = {}) const;

  std::string log() const;
  // Polls the log until it holds `text`; false at the deadline.
  bool wait_for_log(const std::string& text, std::chrono::milliseconds deadline = 60s) const;
  // The health port the daemon announced in its log; 0 if it did not within the deadline.
  std::uint16_t health_port(std::chrono::milliseconds deadline = 30s) const;
  std::size_t manifests(const std::string& sync) const;
  bool wait_for_manifests(const std::string& sync, std::size_t count, std::chrono::milliseconds deadline = 60s) const;

 private:
  ScenarioOptions options_;
  test_support::TempDir dir_;
  std::unique_ptr<test_support::FakeMarketo> fake_;
  std::string base_url_;
  std::string epoch_;
  std::unique_ptr<test_support::ChildProcess> daemon_;
};

// Polls `condition` every 50 ms until it holds or the deadline passes.
bool eventually(const std::function<bool()>& condition, std::chrono::milliseconds deadline);

}  // namespace msync::operate_test
