#include "logging.hpp"

#include <sys/stat.h>
#include <unistd.h>

#include <charconv>
#include <cstdlib>
#include <string_view>

#include <spdlog/pattern_formatter.h>
#include <spdlog/spdlog.h>

#include "json_log_formatter.hpp"
#include "syslog_priority_flag.hpp"

namespace msync::daemon {
namespace {

std::unique_ptr<spdlog::formatter> make_formatter(const std::string& format) {
  if (format == "json") return std::make_unique<JsonLogFormatter>();
  if (format == "journal" || (format == "auto" && stderr_is_journal())) {
    auto journal = std::make_unique<spdlog::pattern_formatter>();
    journal->add_flag<SyslogPriorityFlag>('*').set_pattern("<%*>[%n] %v");
    return journal;
  }
  return std::make_unique<spdlog::pattern_formatter>("%Y-%m-%dT%H:%M:%S.%eZ %^%l%$ [%n] %v",
                                                     spdlog::pattern_time_type::utc);
}

}  // namespace

void add_log_options(CLI::App& command, LogOptions& options) {
  command.add_option("--log-level", options.level, "trace, debug, info, warn, error or critical")
      ->check(CLI::IsMember({"trace", "debug", "info", "warn", "error", "critical"}))
      ->capture_default_str();
  command
      .add_option("--log-format", options.format,
                  "text, json, journal (<N> syslog priority prefixes), or auto: journal when "
                  "stderr is the journal (JOURNAL_STREAM), text otherwise")
      ->check(CLI::IsMember({"auto", "text", "json", "journal"}))
      ->capture_default_str();
}

void apply_log_options(const LogOptions& options) {
  const auto level = spdlog::level::from_str(options.level);
  spdlog::set_level(level);
  // Applies to every logger made so far and is cloned into each one made later.
  spdlog::set_formatter(make_formatter(options.format));
  spdlog::apply_all([&](const std::shared_ptr<spdlog::logger>& logger) { logger->set_level(level); });
}

bool stderr_is_journal() {
  const char* stream = std::getenv("JOURNAL_STREAM");
  if (stream == nullptr) return false;
  const std::string_view text(stream);
  const auto colon = text.find(':');
  if (colon == std::string_view::npos) return false;
  unsigned long long device = 0, inode = 0;
  const auto dev_end = text.data() + colon;
  if (std::from_chars(text.data(), dev_end, device).ptr != dev_end) return false;
  const auto ino_end = text.data() + text.size();
  if (std::from_chars(dev_end + 1, ino_end, inode).ptr != ino_end) return false;
  struct stat st {};
  if (::fstat(STDERR_FILENO, &st) != 0) return false;
  return static_cast<unsigned long long>(st.st_dev) == device &&
         static_cast<unsigned long long>(st.st_ino) == inode;
}

}  // namespace msync::daemon
