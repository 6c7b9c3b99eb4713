// marketo-syncd: the daemon and its command line. Usage errors exit 64 (EX_USAGE).
#include <sysexits.h>

#include <memory>
#include <utility>
#include <vector>

#include "command.hpp"

int main(int argc, char** argv) {
  using msync::daemon::Command;
  CLI::App app{"Keeps a warehouse staging directory in sync with Marketo's Bulk API", "marketo-syncd"};
  app.set_version_flag("--version", "marketo-syncd " MSYNC_VERSION);
  app.require_subcommand(1);

  std::vector<std::unique_ptr<Command>> commands;
  commands.push_back(msync::daemon::make_run_command());
  commands.push_back(msync::daemon::make_check_config_command());
  commands.push_back(msync::daemon::make_status_command());
  commands.push_back(msync::daemon::make_backfill_command());
  commands.push_back(msync::daemon::make_cancel_command());

  std::vector<std::pair<CLI::App*, Command*>> chosen_by;
  for (auto& command : commands) chosen_by.emplace_back(command->add_to(app), command.get());

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    // --help and --version end here too, successfully.
    return app.exit(e) == 0 ? EX_OK : EX_USAGE;
  }
  for (auto& [subcommand, command] : chosen_by) {
    if (subcommand->parsed()) return command->run();
  }
  return EX_USAGE;
}
