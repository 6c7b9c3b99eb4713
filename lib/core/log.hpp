#pragma once
// One named spdlog logger per subsystem ("http", "marketo", "exports", ...), sharing one sink set.
#include <memory>
#include <string>

#include <spdlog/spdlog.h>

namespace msync::core {

// The logger for a subsystem, created on first use with the process-wide sinks and level.
std::shared_ptr<spdlog::logger> logger(const std::string& subsystem);

}  // namespace msync::core
