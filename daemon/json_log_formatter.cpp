#include "json_log_formatter.hpp"

#include <chrono>
#include <ctime>

#include <fmt/format.h>

namespace msync::daemon {
namespace {

// The length of the well-formed UTF-8 sequence at the start of `text`, or 0 (RFC 3629: no
// overlong forms, no surrogates, nothing above U+10FFFF).
std::size_t utf8_sequence(std::string_view text) {
  const auto byte = [&](std::size_t i) { return static_cast<unsigned char>(text[i]); };
  const unsigned char lead = byte(0);
  std::size_t length = 0;
  unsigned char low = 0x80, high = 0xBF;  // the allowed range of the second byte
  if (lead >= 0xC2 && lead <= 0xDF) length = 2;
  else if (lead >= 0xE0 && lead <= 0xEF) {
    length = 3;
    if (lead == 0xE0) low = 0xA0;
    if (lead == 0xED) high = 0x9F;
  } else if (lead >= 0xF0 && lead <= 0xF4) {
    length = 4;
    if (lead == 0xF0) low = 0x90;
    if (lead == 0xF4) high = 0x8F;
  }
  if (length == 0 || text.size() < length) return 0;
  if (byte(1) < low || byte(1) > high) return 0;
  for (std::size_t i = 2; i < length; ++i)
    if (byte(i) < 0x80 || byte(i) > 0xBF) return 0;
  return length;
}

void append(std::string_view text, spdlog::memory_buf_t& dest) { dest.append(text.data(), text.data() + text.size()); }

}  // namespace

void JsonLogFormatter::append_string(std::string_view text, spdlog::memory_buf_t& dest) {
  dest.push_back('"');
  for (std::size_t i = 0; i < text.size();) {
    const auto c = static_cast<unsigned char>(text[i]);
    if (c >= 0x80) {
      const std::size_t length = utf8_sequence(text.substr(i));
      if (length == 0) {
        append("\\ufffd", dest);
        ++i;
      } else {
        append(text.substr(i, length), dest);
        i += length;
      }
      continue;
    }
    if (c == '"') append("\\\"", dest);
    else if (c == '\\') append("\\\\", dest);
    else if (c == '\n') append("\\n", dest);
    else if (c == '\r') append("\\r", dest);
    else if (c == '\t') append("\\t", dest);
    else if (c < 0x20 || c == 0x7F) fmt::format_to(std::back_inserter(dest), "\\u{:04x}", c);
    else dest.push_back(static_cast<char>(c));
    ++i;
  }
  dest.push_back('"');
}

void JsonLogFormatter::format(const spdlog::details::log_msg& msg, spdlog::memory_buf_t& dest) {
  using namespace std::chrono;
  const auto since_epoch = msg.time.time_since_epoch();
  const std::time_t seconds = duration_cast<std::chrono::seconds>(since_epoch).count();
  const auto millis = duration_cast<milliseconds>(since_epoch).count() % 1000;
  std::tm utc{};
  ::gmtime_r(&seconds, &utc);
  fmt::format_to(std::back_inserter(dest), "{{\"time\":\"{:04}-{:02}-{:02}T{:02}:{:02}:{:02}.{:03}Z\",\"level\":",
                 utc.tm_year + 1900, utc.tm_mon + 1, utc.tm_mday, utc.tm_hour, utc.tm_min, utc.tm_sec, millis);
  const auto level = spdlog::level::to_string_view(msg.level);
  append_string(std::string_view(level.data(), level.size()), dest);
  append(",\"logger\":", dest);
  append_string(std::string_view(msg.logger_name.data(), msg.logger_name.size()), dest);
  append(",\"message\":", dest);
  append_string(std::string_view(msg.payload.data(), msg.payload.size()), dest);
  append("}\n", dest);
}

std::unique_ptr<spdlog::formatter> JsonLogFormatter::clone() const { return std::make_unique<JsonLogFormatter>(); }

}  // namespace msync::daemon
