#include "syslog_priority_flag.hpp"

namespace msync::daemon {

int SyslogPriorityFlag::priority(spdlog::level::level_enum level) {
  switch (level) {
    case spdlog::level::critical: return 2;
    case spdlog::level::err: return 3;
    case spdlog::level::warn: return 4;
    case spdlog::level::info: return 6;
    default: return 7;
  }
}

void SyslogPriorityFlag::format(const spdlog::details::log_msg& msg, const std::tm&, spdlog::memory_buf_t& dest) {
  dest.push_back(static_cast<char>('0' + priority(msg.level)));
}

std::unique_ptr<spdlog::custom_flag_formatter> SyslogPriorityFlag::clone() const {
  return std::make_unique<SyslogPriorityFlag>();
}

}  // namespace msync::daemon
