// marketo-syncd status --config FILE [--json]: what the state database says, read-only, so it works
// beside a running daemon and while it is down. Exit 0, 78 for a bad configuration, 69 when the
// state database cannot be read.
#include <sysexits.h>

#include <iostream>
#include <string>

#include <fmt/format.h>

#include "command.hpp"
#include "command_support.hpp"
#include "config/config.hpp"
#include "state/state.hpp"
#include "status_json.hpp"

namespace msync::daemon {
namespace {

void print_table(const state::StatusSnapshot& s, core::Timestamp now) {
  std::cout << fmt::format("{:<24} {:<11} {:<21} {:>9} {:>7} {:>9} {:>7}  {}\n", "SYNC", "KIND", "WATERMARK",
                           "LAG", "STAGED", "IN FLIGHT", "PENDING", "ERROR");
  for (const auto& sync : s.syncs) {
    const bool incremental = sync.sync.kind == state::SyncKind::incremental;
    const auto lag = incremental ? core::format_duration(std::chrono::floor<std::chrono::minutes>(now - sync.sync.watermark))
                                 : std::string("-");
    std::cout << fmt::format("{:<24} {:<11} {:<21} {:>9} {:>7} {:>9} {:>7}  {}\n", sync.sync.name,
                             state::to_string(sync.sync.kind), core::format_iso8601(sync.sync.watermark), lag,
                             sync.windows_staged, sync.windows_in_flight,
                             sync.windows_pending + sync.windows_failed,
                             sync.sync.error.value_or(sync.last_job_error.value_or("")));
  }
  std::cout << fmt::format("\nexported today (US Central day from {}): {} bytes in {} API calls\n",
                           core::format_iso8601(s.quota_day), s.export_bytes, s.calls);
  if (!s.in_flight.empty()) {
    std::cout << "\njobs in flight:\n";
    for (const auto& live : s.in_flight)
      std::cout << fmt::format("  {:<24} {}..{} {:<12} {}\n", live.window.sync,
                               core::format_iso8601(live.window.start), core::format_iso8601(live.window.end),
                               state::to_string(live.job.state), live.job.export_id.value_or("-"));
  }
  if (!s.imports_in_flight.empty()) {
    std::cout << "\nimports in flight:\n";
    for (const auto& batch : s.imports_in_flight)
      std::cout << fmt::format("  {:<24} {} part {} {:<10} batch {}\n", batch.import, batch.source, batch.part + 1,
                               state::to_string(batch.state),
                               batch.batch_id ? std::to_string(*batch.batch_id) : std::string("-"));
  }
}

class StatusCommand final : public Command {
 public:
  CLI::App* add_to(CLI::App& app) override {
    auto* sub = app.add_subcommand("status", "Show each sync's watermark, windows and jobs (from the state database)");
    sub->add_option("--config", path_, "The configuration file (YAML)")->required();
    sub->add_flag("--json", json_, "Print JSON instead of a table");
    return sub;
  }

  int run() override {
    const core::SystemClock clock;
    const auto loaded = load_or_report(path_, clock.now());
    if (!loaded) return EX_CONFIG;
    if (!std::filesystem::exists(loaded->state_db)) {
      std::cerr << loaded->state_db.string() << ": no state yet (the daemon has not run)\n";
      return EX_UNAVAILABLE;
    }
    auto store = state::Store::open_read_only(loaded->state_db);
    if (!store) {
      std::cerr << store.error().message << '\n';
      return EX_UNAVAILABLE;
    }
    auto snapshot = store->status(clock.now());
    if (!snapshot) {
      std::cerr << snapshot.error().message << '\n';
      return EX_UNAVAILABLE;
    }
    const auto now = clock.now();
    if (json_) std::cout << status_json(*snapshot, now) << '\n';
    else print_table(*snapshot, now);
    return EX_OK;
  }

 private:
  std::string path_;
  bool json_ = false;
};

}  // namespace

std::unique_ptr<Command> make_status_command() { return std::make_unique<StatusCommand>(); }

}  // namespace msync::daemon
