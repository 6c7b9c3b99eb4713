#include "logging.hpp"

#include <spdlog/spdlog.h>

namespace msync::daemon {

void add_log_options(CLI::App& command, LogOptions& options) {
  command.add_option("--log-level", options.level, "trace, debug, info, warn, error or critical")
      ->check(CLI::IsMember({"trace", "debug", "info", "warn", "error", "critical"}));
}

void apply_log_options(const LogOptions& options) {
  const auto level = spdlog::level::from_str(options.level);
  spdlog::set_level(level);
  spdlog::set_pattern("%Y-%m-%dT%H:%M:%S.%eZ %^%l%$ [%n] %v", spdlog::pattern_time_type::utc);
  spdlog::apply_all([&](const std::shared_ptr<spdlog::logger>& logger) { logger->set_level(level); });
}

}  // namespace msync::daemon
