// marketo-syncd check-config --config FILE [--online]: validates the file as `run` would load it
// (same environment, same clock), prints a summary of the syncs, and exits 0, or prints every
// error on stderr and exits 78 (EX_CONFIG). Without --online nothing is written and Marketo is not
// contacted. With --online, every export's fields are also checked against Marketo's describe
// answers (online_check.hpp): an unknown field exits 78 naming it; Marketo out of reach exits 75
// (EX_TEMPFAIL); the state database (69 when it cannot be opened) records the calls in the call
// ledger, as it does every call of the daemon, so that a running daemon counts them too.
#include <sysexits.h>

#include <iostream>
#include <optional>
#include <string>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/io_context.hpp>

#include "command.hpp"
#include "command_support.hpp"
#include "config/config.hpp"
#include "marketo_connection.hpp"
#include "online_check.hpp"

namespace msync::daemon {
namespace {

namespace asio = boost::asio;

class CheckConfigCommand final : public Command {
 public:
  CLI::App* add_to(CLI::App& app) override {
    auto* sub = app.add_subcommand(
        "check-config",
        "Validate the configuration and exit 0, or 78 (EX_CONFIG) listing the errors");
    sub->add_option("--config", path_, "The configuration file (YAML)")->required();
    sub->add_flag("--online", online_,
                  "Also ask Marketo's describe endpoints whether every export's fields exist "
                  "(75 when Marketo cannot be reached)");
    return sub;
  }

  int run() override {
    const core::SystemClock clock;
    const config::ProcessEnvironment env;
    const auto loaded = config::load_config(path_, env, clock.now());
    if (!loaded) {
      for (const auto& message : loaded.errors()) std::cerr << message << '\n';
      std::cerr << path_ << ": " << loaded.errors().size()
                << (loaded.errors().size() == 1 ? " error\n" : " errors\n");
      return EX_CONFIG;
    }
    const config::Config& config = *loaded;
    // The proxy URL and the CA file as the HTTP client will read them: the file's check sees only
    // the URL's shape and that the CA file is readable, and the environment may supply the proxy.
    if (auto checked = check_marketo_settings(config.marketo, env); !checked) {
      std::cerr << path_ << ": " << checked.error().message << '\n' << path_ << ": 1 error\n";
      return EX_CONFIG;
    }
    std::cout << path_ << ": OK, " << config.exports.size() << " export(s), "
              << config.imports.size() << " import(s)\n";
    std::cout << "  marketo " << config.marketo.base_url << ", state " << config.state_db.string()
              << ", staging " << config.staging_dir.string() << '\n';
    for (const auto& line : config::summarize(config)) std::cout << "  " << line << '\n';
    return online_ ? check_online_or_report(config, clock) : EX_OK;
  }

 private:
  int check_online_or_report(const config::Config& config, const core::Clock& clock) const {
    auto store = open_state_or_report(config, clock);
    if (!store) return EX_UNAVAILABLE;
    asio::io_context io;
    auto api = connect_marketo(io.get_executor(), config, *store, clock);
    if (!api) {
      std::cerr << api.error().message << '\n';
      return EX_CONFIG;
    }
    OnlineCheck check;
    asio::co_spawn(io, [&]() -> asio::awaitable<void> { check = co_await check_online(**api, config); },
                   asio::detached);
    io.run();
    for (const auto& line : check.checked) std::cout << "  " << line << '\n';
    for (const auto& problem : check.problems) std::cerr << problem << '\n';
    if (check.failure) {
      std::cerr << path_ << ": online check stopped: " << check.failure->message << '\n';
      return check.failure->action == marketo::Action::fail_config ? EX_CONFIG : EX_TEMPFAIL;
    }
    if (!check.problems.empty()) {
      std::cerr << path_ << ": " << check.problems.size() << " problem(s) found online\n";
      return EX_CONFIG;
    }
    std::cout << path_ << ": online OK, every export's fields are known to Marketo\n";
    return EX_OK;
  }

  std::string path_;
  bool online_ = false;
};

}  // namespace

std::unique_ptr<Command> make_check_config_command() {
  return std::make_unique<CheckConfigCommand>();
}

}  // namespace msync::daemon
