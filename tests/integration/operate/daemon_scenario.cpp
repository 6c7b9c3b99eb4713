#include "integration/operate/daemon_scenario.hpp"

#include <fstream>
#include <regex>
#include <sstream>
#include <thread>

#include "core/core.hpp"
#include "support/paths.hpp"

namespace msync::operate_test {

bool eventually(const std::function<bool()>& condition, std::chrono::milliseconds deadline) {
  const auto until = std::chrono::steady_clock::now() + deadline;
  for (;;) {
    if (condition()) return true;
    if (std::chrono::steady_clock::now() >= until) return false;
    std::this_thread::sleep_for(50ms);
  }
}

DaemonScenario::DaemonScenario(ScenarioOptions options) : options_(std::move(options)) {
  // A month of data that ended a few days ago, in 7-day windows: a handful of jobs per sync.
  const auto epoch = std::chrono::floor<std::chrono::days>(core::SystemClock{}.now()) - std::chrono::days(40);
  epoch_ = core::format_iso8601(epoch);
  if (options_.start_fake) {
    std::vector<std::string> flags = {"--leads", "300", "--seed", "3", "--epoch", epoch_, "--span-days", "30",
                                      "--queue-seconds", "0.05", "--process-seconds", "0.2", "--status-refresh", "0.1",
                                      "--client-id", options_.client_id, "--client-secret", options_.client_secret};
    flags.insert(flags.end(), options_.fake_flags.begin(), options_.fake_flags.end());
    fake_ = std::make_unique<test_support::FakeMarketo>(flags);
    base_url_ = fake_->url();
  } else {
    base_url_ = options_.base_url;
  }
  write_config(options_.syncs);
}

DaemonScenario::~DaemonScenario() = default;

void DaemonScenario::write_config(const std::vector<std::string>& syncs, const std::string& extra) {
  std::ostringstream text;
  text << "marketo:\n"
         << "  base_url: " << base_url_ << "\n"
         << "  client_id: " << options_.client_id << "\n"
         << "  client_secret: " << options_.client_secret << "\n"
         << "  poll_interval: 1s\n"
         << "  limits:\n    calls_per_20s: 600\n"
         << "state_db: state.db\n"
         << "staging_dir: staging\n"
         << "health:\n  listen: 127.0.0.1:0\n"
         << "exports:\n";
  for (std::size_t i = 0; i < syncs.size(); ++i) {
    const bool updated = syncs[i].ends_with("_updated");
    text << "  - name: " << syncs[i] << "\n"
           << "    entity: leads\n"
           << "    fields: [id, email, createdAt, updatedAt]\n"
           << "    filter: " << (updated ? "updatedAt" : "createdAt") << "\n"
           << "    start: " << epoch_ << "\n"
           << "    window: 7d\n"
           << "    lag: 0s\n"
           << "    every: 1h\n"
           << (i == 0 ? extra : "");
  }
  // Written whole and renamed, so that a daemon reloading never reads half a file.
  const auto part = dir_ / "config.yaml.part";
  std::ofstream(part) << text.str();
  std::filesystem::rename(part, config());
}

test_support::ChildProcess& DaemonScenario::start(const std::vector<std::string>& args,
                                                  const test_support::Environment& env) {
  std::vector<std::string> argv{test_support::syncd_binary(), "run", "--config", config().string()};
  argv.insert(argv.end(), args.begin(), args.end());
  daemon_ = std::make_unique<test_support::ChildProcess>(argv, env, log_path());
  return *daemon_;
}

test_support::Completed DaemonScenario::run(std::vector<std::string> args, const test_support::Environment& env) const {
  std::vector<std::string> argv{test_support::syncd_binary()};
  argv.insert(argv.end(), args.begin(), args.end());
  argv.insert(argv.end(), {"--config", config().string()});
  return test_support::run_to_completion(argv, env, std::chrono::seconds(120));
}

std::string DaemonScenario::log() const {
  std::ifstream in(log_path(), std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

bool DaemonScenario::wait_for_log(const std::string& text, std::chrono::milliseconds deadline) const {
  return eventually([&] { return log().find(text) != std::string::npos; }, deadline);
}

std::uint16_t DaemonScenario::health_port(std::chrono::milliseconds deadline) const {
  static const std::regex announced("health endpoint listening on http://127\\.0\\.0\\.1:([0-9]+)");
  std::uint16_t port = 0;
  eventually(
      [&] {
        std::smatch match;
        const std::string text = log();
        if (!std::regex_search(text, match, announced)) return false;
        port = static_cast<std::uint16_t>(std::stoul(match[1]));
        return true;
      },
      deadline);
  return port;
}

std::size_t DaemonScenario::manifests(const std::string& sync) const {
  std::error_code ec;
  std::size_t count = 0;
  for (const auto& entry : std::filesystem::directory_iterator(dir_ / "staging" / sync, ec))
    count += entry.path().filename().string().ends_with(".manifest.json");
  return count;
}

bool DaemonScenario::wait_for_manifests(const std::string& sync, std::size_t count,
                                        std::chrono::milliseconds deadline) const {
  return eventually([&] { return manifests(sync) >= count; }, deadline);
}

}  // namespace msync::operate_test
