#pragma once
// Log options shared by the subcommands that log: --log-level.
#include <string>

#include <CLI/CLI.hpp>

namespace msync::daemon {

struct LogOptions {
  std::string level = "info";
};

void add_log_options(CLI::App& command, LogOptions& options);
void apply_log_options(const LogOptions& options);

}  // namespace msync::daemon
