#pragma once
// One JSON object per log line: {"time","level","logger","message"}, time in UTC with
// milliseconds. The message is escaped as JSON requires, and bytes that are not UTF-8 become
// U+FFFD, so every line parses whatever was logged.
#include <string_view>

#include <spdlog/formatter.h>

namespace msync::daemon {

class JsonLogFormatter final : public spdlog::formatter {
 public:
  void format(const spdlog::details::log_msg& msg, spdlog::memory_buf_t& dest) override;
  std::unique_ptr<spdlog::formatter> clone() const override;

  // `text` as a JSON string literal, quotes included.
  static void append_string(std::string_view text, spdlog::memory_buf_t& dest);
};

}  // namespace msync::daemon
