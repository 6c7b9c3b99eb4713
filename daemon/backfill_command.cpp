// marketo-syncd backfill --config FILE --sync NAME --from T --to T: adds backfill windows covering
// [from, to) to a createdAt / updatedAt sync, each no longer than the sync's window (<= 31 days).
// A running daemon picks them up after its incremental windows; the watermark never moves for them.
// Exit 0; 64 for bad arguments; 65 (EX_DATAERR) for a sync that cannot be backfilled; 69 when the
// state cannot be opened; 78 for a bad configuration.
#include <sysexits.h>

#include <iostream>
#include <string>
#include <variant>

#include <fmt/format.h>

#include "command.hpp"
#include "command_support.hpp"
#include "config/config.hpp"
#include "exports/exports.hpp"
#include "state/state.hpp"

namespace msync::daemon {
namespace {

class BackfillCommand final : public Command {
 public:
  CLI::App* add_to(CLI::App& app) override {
    auto* sub = app.add_subcommand("backfill", "Export a past range of a createdAt / updatedAt sync again");
    sub->add_option("--config", path_, "The configuration file (YAML)")->required();
    sub->add_option("--sync", sync_, "The export sync to backfill")->required();
    sub->add_option("--from", from_, "Start of the range, ISO-8601 (inclusive), e.g. 2024-01-01T00:00:00Z")->required();
    sub->add_option("--to", to_, "End of the range, ISO-8601 (exclusive)")->required();
    return sub;
  }

  int run() override {
    const core::SystemClock clock;
    const auto now = clock.now();
    const auto from = core::parse_iso8601(from_), to = core::parse_iso8601(to_);
    if (!from || !to) {
      std::cerr << "--from and --to take ISO-8601 times without milliseconds, e.g. 2024-01-01T00:00:00Z\n";
      return EX_USAGE;
    }
    if (*from >= *to) {
      std::cerr << "--from must be before --to\n";
      return EX_USAGE;
    }
    if (*to > now) {
      std::cerr << "--to is in the future (" << to_ << "); data younger than now cannot be backfilled\n";
      return EX_USAGE;
    }
    const auto loaded = load_or_report(path_, now);
    if (!loaded) return EX_CONFIG;
    const config::ExportSync* sync = nullptr;
    for (const auto& candidate : loaded->exports)
      if (candidate.name == sync_) sync = &candidate;
    if (sync == nullptr) {
      std::cerr << "no export sync named '" << sync_ << "' in " << path_ << '\n';
      return EX_DATAERR;
    }
    const auto* windowed = std::get_if<config::WindowedFilter>(&sync->filter);
    if (windowed == nullptr) {
      std::cerr << "sync '" << sync_ << "' exports a list, which is staged whole each run: nothing to backfill\n";
      return EX_DATAERR;
    }
    auto plan = exports::plan_backfill(*from, *to, windowed->window);
    if (!plan) {
      std::cerr << plan.error().message << '\n';
      return EX_USAGE;
    }
    if (plan->truncated) {
      std::cerr << "the range needs more than " << exports::kMaxWindowsPerPlan
                << " windows; split it into smaller backfills\n";
      return EX_USAGE;
    }
    auto store = open_state_or_report(*loaded, clock);
    if (!store) return EX_UNAVAILABLE;
    const auto kind = state::SyncKind::incremental;
    if (auto ensured = store->ensure_sync(sync_, kind, windowed->start); !ensured) {
      std::cerr << ensured.error().message << '\n';
      return EX_UNAVAILABLE;
    }
    std::vector<state::WindowSpec> specs;
    for (const auto& w : plan->windows) specs.push_back({state::WindowKind::backfill, w.start, w.end});
    if (auto added = store->add_windows(sync_, specs); !added) {
      std::cerr << added.error().message << '\n';
      return EX_DATAERR;
    }
    std::cout << fmt::format("sync {}: {} backfill window(s) from {} to {} recorded; the daemon exports them "
                             "after its incremental windows\n",
                             sync_, specs.size(), core::format_iso8601(*from), core::format_iso8601(*to));
    return EX_OK;
  }

 private:
  std::string path_, sync_, from_, to_;
};

}  // namespace

std::unique_ptr<Command> make_backfill_command() { return std::make_unique<BackfillCommand>(); }

}  // namespace msync::daemon
