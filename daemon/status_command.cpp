// marketo-syncd status --config FILE [--json]: what the state database says, read-only, so it works
// beside a running daemon and while it is down. Exit 0, 78 for a bad configuration, 69 when the
// state database cannot be read.
#include <sysexits.h>

#include <iostream>
#include <string>

#include <fmt/format.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include "command.hpp"
#include "command_support.hpp"
#include "config/config.hpp"
#include "state/state.hpp"

namespace msync::daemon {
namespace {

std::string when(const std::optional<core::Timestamp>& t) { return t ? core::format_iso8601(*t) : "-"; }

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
  if (s.in_flight.empty()) return;
  std::cout << "\njobs in flight:\n";
  for (const auto& live : s.in_flight)
    std::cout << fmt::format("  {:<24} {}..{} {:<12} {}\n", live.window.sync, core::format_iso8601(live.window.start),
                             core::format_iso8601(live.window.end), state::to_string(live.job.state),
                             live.job.export_id.value_or("-"));
}

void print_json(const state::StatusSnapshot& s) {
  rapidjson::StringBuffer buffer;
  rapidjson::Writer<rapidjson::StringBuffer> w(buffer);
  auto string = [&](const char* key, const std::string& value) { w.Key(key); w.String(value.c_str()); };
  w.StartObject();
  string("quotaDay", core::format_iso8601(s.quota_day));
  w.Key("exportBytesToday"); w.Int64(s.export_bytes);
  w.Key("callsToday"); w.Int64(s.calls);
  w.Key("syncs");
  w.StartArray();
  for (const auto& sync : s.syncs) {
    w.StartObject();
    string("name", sync.sync.name);
    string("kind", std::string(state::to_string(sync.sync.kind)));
    string("watermark", core::format_iso8601(sync.sync.watermark));
    w.Key("windowsStaged"); w.Int64(sync.windows_staged);
    w.Key("windowsInFlight"); w.Int64(sync.windows_in_flight);
    w.Key("windowsPending"); w.Int64(sync.windows_pending);
    w.Key("windowsFailed"); w.Int64(sync.windows_failed);
    string("plannedUntil", when(sync.planned_until));
    w.Key("error");
    if (sync.sync.error) w.String(sync.sync.error->c_str()); else w.Null();
    w.Key("lastJobError");
    if (sync.last_job_error) w.String(sync.last_job_error->c_str()); else w.Null();
    w.EndObject();
  }
  w.EndArray();
  w.Key("jobsInFlight");
  w.StartArray();
  for (const auto& live : s.in_flight) {
    w.StartObject();
    string("sync", live.window.sync);
    string("windowStart", core::format_iso8601(live.window.start));
    string("windowEnd", core::format_iso8601(live.window.end));
    string("state", std::string(state::to_string(live.job.state)));
    w.Key("exportId");
    if (live.job.export_id) w.String(live.job.export_id->c_str()); else w.Null();
    w.EndObject();
  }
  w.EndArray();
  w.EndObject();
  std::cout << buffer.GetString() << '\n';
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
    if (json_) print_json(*snapshot); else print_table(*snapshot, clock.now());
    return EX_OK;
  }

 private:
  std::string path_;
  bool json_ = false;
};

}  // namespace

std::unique_ptr<Command> make_status_command() { return std::make_unique<StatusCommand>(); }

}  // namespace msync::daemon
