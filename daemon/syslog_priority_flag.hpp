#pragma once
// The spdlog pattern flag for a line's syslog priority (critical 2, error 3, warn 4, info 6,
// debug and trace 7): journald turns a leading "<N>" into the entry's priority.
#include <spdlog/pattern_formatter.h>

namespace msync::daemon {

class SyslogPriorityFlag final : public spdlog::custom_flag_formatter {
 public:
  static int priority(spdlog::level::level_enum level);

  void format(const spdlog::details::log_msg& msg, const std::tm& time, spdlog::memory_buf_t& dest) override;
  std::unique_ptr<spdlog::custom_flag_formatter> clone() const override;
};

}  // namespace msync::daemon
