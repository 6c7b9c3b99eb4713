#include "command_support.hpp"

#include <iostream>

#include "staging/staging.hpp"

namespace msync::daemon {

std::optional<config::Config> load_or_report(const std::string& path, core::Timestamp now) {
  auto loaded = config::load_config(path, config::ProcessEnvironment{}, now);
  if (loaded) return std::move(loaded).value();
  for (const auto& message : loaded.errors()) std::cerr << message << '\n';
  return std::nullopt;
}

std::optional<state::Store> open_state_or_report(const config::Config& config, const core::Clock& clock) {
  if (auto made = staging::make_directory_durably(config.state_db.parent_path()); !made) {
    std::cerr << "cannot create the state directory: " << made.error().message << '\n';
    return std::nullopt;
  }
  auto store = state::Store::open(config.state_db, clock);
  if (store) return std::move(store).value();
  std::cerr << store.error().message << '\n';
  return std::nullopt;
}

}  // namespace msync::daemon
