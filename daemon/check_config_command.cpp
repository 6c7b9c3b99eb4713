// marketo-syncd check-config --config FILE: validates the file as `run` would load it (same
// environment, same clock), prints a summary of the syncs, and exits 0, or prints every error on
// stderr and exits 78 (EX_CONFIG). Nothing is written and Marketo is not contacted.
#include <sysexits.h>

#include <iostream>
#include <string>

#include "command.hpp"
#include "config/config.hpp"

namespace msync::daemon {
namespace {

class CheckConfigCommand final : public Command {
 public:
  CLI::App* add_to(CLI::App& app) override {
    auto* sub = app.add_subcommand(
        "check-config",
        "Validate the configuration and exit 0, or 78 (EX_CONFIG) listing the errors");
    sub->add_option("--config", path_, "The configuration file (YAML)")->required();
    return sub;
  }

  int run() override {
    const config::ProcessEnvironment env;
    const auto loaded = config::load_config(path_, env, core::SystemClock{}.now());
    if (!loaded) {
      for (const auto& message : loaded.errors()) std::cerr << message << '\n';
      std::cerr << path_ << ": " << loaded.errors().size()
                << (loaded.errors().size() == 1 ? " error\n" : " errors\n");
      return EX_CONFIG;
    }
    const config::Config& config = *loaded;
    std::cout << path_ << ": OK, " << config.exports.size() << " export(s), "
              << config.imports.size() << " import(s)\n";
    std::cout << "  marketo " << config.marketo.base_url << ", state " << config.state_db.string()
              << ", staging " << config.staging_dir.string() << '\n';
    for (const auto& line : config::summarize(config)) std::cout << "  " << line << '\n';
    return EX_OK;
  }

 private:
  std::string path_;
};

}  // namespace

std::unique_ptr<Command> make_check_config_command() {
  return std::make_unique<CheckConfigCommand>();
}

}  // namespace msync::daemon
