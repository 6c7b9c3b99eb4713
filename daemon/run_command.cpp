// marketo-syncd run --config FILE [--once]: the daemon. Loads the configuration, opens the state,
// and runs the export engine on one event loop until SIGTERM / SIGINT (or, with --once, until
// everything due now is staged).
//
// Exit codes: 0 done; 65 (EX_DATAERR) a sync stopped on a permanent error (1035, 1003, ...);
// 69 (EX_UNAVAILABLE) the state database or staging directory cannot be used; 75 (EX_TEMPFAIL)
// --once ended paused on the daily quota; 78 (EX_CONFIG) the configuration or the credentials.
#include <sysexits.h>

#include <filesystem>
#include <optional>
#include <string>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/signal_set.hpp>

#include "command.hpp"
#include "config/config.hpp"
#include "export_syncs.hpp"
#include "logging.hpp"
#include "marketo_connection.hpp"
#include "state/state.hpp"

namespace msync::daemon {
namespace {

namespace asio = boost::asio;

class RunCommand final : public Command {
 public:
  CLI::App* add_to(CLI::App& app) override {
    auto* sub = app.add_subcommand("run", "Run the daemon");
    sub->add_option("--config", path_, "The configuration file (YAML)")->required();
    sub->add_flag("--once", once_, "Stage everything due now, then exit");
    add_log_options(*sub, logging_);
    return sub;
  }

  int run() override {
    apply_log_options(logging_);
    auto log = core::logger("daemon");
    const core::SystemClock clock;
    const config::ProcessEnvironment env;
    const auto loaded = config::load_config(path_, env, clock.now());
    if (!loaded) {
      for (const auto& message : loaded.errors()) log->critical("{}", message);
      return EX_CONFIG;
    }
    const config::Config& config = *loaded;

    std::error_code ec;
    std::filesystem::create_directories(config.state_db.parent_path(), ec);
    std::filesystem::create_directories(config.staging_dir, ec);
    if (ec) {
      log->critical("cannot create {}: {}", config.staging_dir.string(), ec.message());
      return EX_UNAVAILABLE;
    }
    auto store = state::Store::open(config.state_db, clock);
    if (!store) {
      log->critical("{}", store.error().message);
      return EX_UNAVAILABLE;
    }

    asio::io_context io;
    auto api = connect_marketo(io.get_executor(), config, *store, clock);
    if (!api) {
      log->critical("{}", api.error().message);
      return EX_CONFIG;
    }

    exports::ExportEngine engine(io.get_executor(), *store, **api, export_syncs(config),
                                 engine_settings(config), clock);
    asio::signal_set signals(io, SIGTERM, SIGINT);
    signals.async_wait([&](const boost::system::error_code& error, int signal) {
      if (error) return;
      log->info("signal {}: stopping; in-flight jobs stay resumable", signal);
      engine.stop();
    });

    log->info("marketo-syncd {} starting: {} export sync(s), state {}, staging {}", MSYNC_VERSION,
              config.exports.size(), config.state_db.string(), config.staging_dir.string());
    std::optional<exports::RunSummary> summary;
    asio::co_spawn(io, engine.run(once_), [&](std::exception_ptr error, exports::RunSummary result) {
      if (error) {
        try {
          std::rethrow_exception(error);
        } catch (const std::exception& e) {
          log->critical("the engine stopped unexpectedly: {}", e.what());
        }
      } else {
        summary = std::move(result);
      }
      signals.cancel();
    });
    io.run();
    return exit_code(summary);
  }

 private:
  static int exit_code(const std::optional<exports::RunSummary>& summary) {
    auto log = core::logger("daemon");
    if (!summary) return EX_SOFTWARE;
    if (summary->fatal) {
      log->critical("stopped: {}", *summary->fatal);
      return EX_CONFIG;
    }
    for (const auto& error : summary->sync_errors) log->error("sync {}", error);
    if (!summary->sync_errors.empty()) return EX_DATAERR;
    if (summary->paused_until) {
      log->warn("the daily export quota is spent; work resumes after {}",
                core::format_iso8601(*summary->paused_until));
      return EX_TEMPFAIL;
    }
    log->info("stopped cleanly");
    return EX_OK;
  }

  std::string path_;
  bool once_ = false;
  LogOptions logging_;
};

}  // namespace

std::unique_ptr<Command> make_run_command() { return std::make_unique<RunCommand>(); }

}  // namespace msync::daemon
