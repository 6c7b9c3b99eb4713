#include "core/log.hpp"

#include <spdlog/sinks/stdout_color_sinks.h>

namespace msync::core {

std::shared_ptr<spdlog::logger> logger(const std::string& subsystem) {
  if (auto existing = spdlog::get(subsystem)) return existing;
  auto created = spdlog::stderr_color_mt(subsystem);
  created->set_level(spdlog::get_level());
  return created;
}

}  // namespace msync::core
