#pragma once
// What the subcommands share: loading the configuration (errors to stderr, one per line) and
// opening the state database beside it.
#include <optional>
#include <string>

#include "config/config.hpp"
#include "state/state.hpp"

namespace msync::daemon {

// The configuration, or nullopt after printing every error as FILE:LINE:COL: message.
std::optional<config::Config> load_or_report(const std::string& path, core::Timestamp now);

// Opens (creating its directory) the state database for writing; errors are printed.
std::optional<state::Store> open_state_or_report(const config::Config& config, const core::Clock& clock);

}  // namespace msync::daemon
