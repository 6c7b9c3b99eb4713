// The three shapes of a log line: JSON that always parses, journald's <N> priority prefix, and
// the level each priority stands for.
#include <gtest/gtest.h>
#include <rapidjson/document.h>

#include <spdlog/pattern_formatter.h>

#include "daemon/json_log_formatter.hpp"
#include "daemon/syslog_priority_flag.hpp"

namespace msync::daemon {
namespace {

std::string render(spdlog::formatter& formatter, spdlog::level::level_enum level, std::string_view logger,
                   std::string_view message) {
  const spdlog::details::log_msg msg(spdlog::string_view_t(logger.data(), logger.size()), level,
                                     spdlog::string_view_t(message.data(), message.size()));
  spdlog::memory_buf_t out;
  formatter.format(msg, out);
  return std::string(out.data(), out.size());
}

rapidjson::Document parse(const std::string& line) {
  rapidjson::Document d;
  d.Parse(line.c_str(), line.size());
  EXPECT_FALSE(d.HasParseError()) << line;
  EXPECT_TRUE(d.IsObject()) << line;
  return d;
}

TEST(JsonLogFormatter, OneObjectPerLineWithTimeLevelLoggerMessage) {
  JsonLogFormatter formatter;
  const auto line = render(formatter, spdlog::level::warn, "exports", "sync leads window 1..2: retrying");
  ASSERT_EQ(line.back(), '\n');
  EXPECT_EQ(std::count(line.begin(), line.end(), '\n'), 1);
  const auto d = parse(line);
  EXPECT_STREQ(d["level"].GetString(), "warning");
  EXPECT_STREQ(d["logger"].GetString(), "exports");
  EXPECT_STREQ(d["message"].GetString(), "sync leads window 1..2: retrying");
  const std::string time = d["time"].GetString();
  EXPECT_EQ(time.size(), std::string("2025-01-01T00:00:00.000Z").size()) << time;
  EXPECT_EQ(time.back(), 'Z');
  EXPECT_EQ(time[10], 'T');
}

TEST(JsonLogFormatter, EscapesQuotesControlsAndBrokenUtf8) {
  JsonLogFormatter formatter;
  const std::string message = "say \"hi\"\\\n\ttab\x01 caf\xc3\xa9 bad\xff\xc3 end";
  const auto line = render(formatter, spdlog::level::info, "x", message);
  EXPECT_EQ(std::count(line.begin(), line.end(), '\n'), 1) << "a newline in a message must not split the line";
  const auto d = parse(line);
  EXPECT_EQ(std::string(d["message"].GetString()),
            "say \"hi\"\\\n\ttab\x01 caf\xc3\xa9 bad\xef\xbf\xbd\xef\xbf\xbd end");
}

TEST(SyslogPriorityFlag, JournalLinesStartWithThePriorityOfTheLevel) {
  spdlog::pattern_formatter formatter;
  formatter.add_flag<SyslogPriorityFlag>('*').set_pattern("<%*>[%n] %v");
  EXPECT_EQ(render(formatter, spdlog::level::critical, "daemon", "m"), "<2>[daemon] m\n");
  EXPECT_EQ(render(formatter, spdlog::level::err, "daemon", "m"), "<3>[daemon] m\n");
  EXPECT_EQ(render(formatter, spdlog::level::warn, "daemon", "m"), "<4>[daemon] m\n");
  EXPECT_EQ(render(formatter, spdlog::level::info, "daemon", "m"), "<6>[daemon] m\n");
  EXPECT_EQ(render(formatter, spdlog::level::debug, "daemon", "m"), "<7>[daemon] m\n");
  EXPECT_EQ(render(formatter, spdlog::level::trace, "daemon", "m"), "<7>[daemon] m\n");
}

}  // namespace
}  // namespace msync::daemon
