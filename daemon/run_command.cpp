// marketo-syncd run --config FILE [--once]: the daemon. Loads the configuration, opens the state,
// and runs the engines, the health endpoint and the systemd notifications on one event loop until
// SIGTERM / SIGINT (or, with --once, until everything due now is staged). SIGHUP reloads the
// configuration (see supervisor.hpp).
//
// Exit codes: 0 done; 65 (EX_DATAERR) a sync stopped on a permanent error (1035, 1003, ...);
// 69 (EX_UNAVAILABLE) the state database, the staging directory or the health address cannot be
// used (with --once, also a staging directory that keeps refusing writes: full or read-only); 75 (EX_TEMPFAIL) --once ended paused on the daily quota; 78 (EX_CONFIG) the configuration
// or the credentials.
#include <signal.h>
#include <sysexits.h>

#include <cstdlib>
#include <filesystem>
#include <string>

#include <spdlog/spdlog.h>

#include "command.hpp"
#include "config/config.hpp"
#include "logging.hpp"
#include "staging/staging.hpp"
#include "state/state.hpp"
#include "supervisor.hpp"

namespace msync::daemon {
namespace {

class RunCommand final : public Command {
 public:
  CLI::App* add_to(CLI::App& app) override {
    auto* sub = app.add_subcommand("run", "Run the daemon (SIGTERM stops it, SIGHUP reloads the configuration)");
    sub->add_option("--config", path_, "The configuration file (YAML)")->required();
    sub->add_flag("--once", once_, "Stage everything due now, then exit");
    add_log_options(*sub, logging_);
    return sub;
  }

  int run() override {
    // A stop asked for during start-up waits, blocked, for the supervisor's handlers: then it is a
    // clean stop (exit 0), not death by SIGTERM's default action (found by tests/reliability/crash).
    sigset_t stop_signals;
    sigemptyset(&stop_signals);
    for (const int signal_number : {SIGTERM, SIGINT, SIGHUP}) sigaddset(&stop_signals, signal_number);
    ::sigprocmask(SIG_BLOCK, &stop_signals, nullptr);
    apply_log_options(logging_);
    auto log = core::logger("daemon");
    const core::SystemClock clock;
    const config::ProcessEnvironment env;
    auto loaded = config::load_config(path_, env, clock.now());
    if (!loaded) {
      for (const auto& message : loaded.errors()) log->critical("{}", message);
      return EX_CONFIG;
    }
    config::Config config = std::move(loaded).value();

    // 0750 whatever the umask: the state and staged files name the subscription's data.
    auto made = staging::make_directory_durably(config.state_db.parent_path());
    if (made) made = staging::make_directory_durably(config.staging_dir);
    if (!made) {
      log->critical("cannot create the state or staging directory: {}", made.error().message);
      return EX_UNAVAILABLE;
    }
    auto store = state::Store::open(config.state_db, clock);
    if (!store) {
      log->critical("{}", store.error().message);
      return EX_UNAVAILABLE;
    }
    Supervisor supervisor(path_, std::move(config), *store, clock);
    ::sigprocmask(SIG_UNBLOCK, &stop_signals, nullptr);
    const int code = supervisor.run(once_);
    if (supervisor.abandoned()) {
      // Steps still suspended reference the engines: destroying anything now could touch freed
      // memory. Every state change is already committed, so leave at once.
      spdlog::apply_all([](const std::shared_ptr<spdlog::logger>& logger) { logger->flush(); });
      std::_Exit(EX_OK);
    }
    return code;
  }

 private:
  std::string path_;
  bool once_ = false;
  LogOptions logging_;
};

}  // namespace

std::unique_ptr<Command> make_run_command() { return std::make_unique<RunCommand>(); }

}  // namespace msync::daemon
