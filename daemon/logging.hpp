#pragma once
// Log options shared by the subcommands that log: --log-level and --log-format. Every line goes to
// stderr, in one of three shapes:
//   text     2025-01-01T00:00:00.123Z info [exports] message
//   journal  <6>[exports] message   (journald reads the <N> syslog priority; it adds the time)
//   json     {"time":"2025-01-01T00:00:00.123Z","level":"info","logger":"exports","message":"..."}
// auto (the default) is journal when stderr is the journal's stream (JOURNAL_STREAM names its
// device:inode, as systemd sets it), text otherwise.
#include <string>

#include <CLI/CLI.hpp>

namespace msync::daemon {

struct LogOptions {
  std::string level = "info";
  std::string format = "auto";
};

void add_log_options(CLI::App& command, LogOptions& options);
void apply_log_options(const LogOptions& options);

// Whether stderr is the stream that JOURNAL_STREAM names.
bool stderr_is_journal();

}  // namespace msync::daemon
