#pragma once
// A subcommand of marketo-syncd. Each lives in its own <name>_command.cpp and is listed once in
// main.cpp; main parses the command line and runs the one that was chosen.
#include <CLI/CLI.hpp>
#include <memory>

namespace msync::daemon {

class Command {
 public:
  virtual ~Command() = default;
  // Registers the subcommand and its options on app; called once, before parsing.
  virtual CLI::App* add_to(CLI::App& app) = 0;
  // Runs after a successful parse that chose this subcommand; returns the exit code (sysexits.h).
  virtual int run() = 0;
};

std::unique_ptr<Command> make_check_config_command();
std::unique_ptr<Command> make_run_command();
std::unique_ptr<Command> make_status_command();
std::unique_ptr<Command> make_backfill_command();
std::unique_ptr<Command> make_cancel_command();

}  // namespace msync::daemon
