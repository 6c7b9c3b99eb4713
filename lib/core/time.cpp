#include "core/time.hpp"

#include <cstdio>

namespace msync::core {
namespace {

struct Fields {
  int year, month, day, hour, minute, second;
};

Fields split(Timestamp t) {
  const auto days = std::chrono::floor<std::chrono::days>(t);
  const std::chrono::year_month_day ymd{days};
  const std::chrono::hh_mm_ss hms{t - days};
  return {int(ymd.year()), int(unsigned(ymd.month())), int(unsigned(ymd.day())),
          int(hms.hours().count()), int(hms.minutes().count()), int(hms.seconds().count())};
}

bool digits(std::string_view s, std::size_t pos, std::size_t count, int& out) {
  if (pos + count > s.size()) return false;
  int v = 0;
  for (std::size_t i = pos; i < pos + count; ++i) {
    if (s[i] < '0' || s[i] > '9') return false;
    v = v * 10 + (s[i] - '0');
  }
  out = v;
  return true;
}

}  // namespace

std::string format_iso8601(Timestamp t) {
  const Fields f = split(t);
  char buf[32];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02dT%02d:%02d:%02dZ", f.year, f.month, f.day, f.hour,
                f.minute, f.second);
  return buf;
}

std::string format_iso8601_basic(Timestamp t) {
  const Fields f = split(t);
  char buf[32];
  std::snprintf(buf, sizeof buf, "%04d%02d%02dT%02d%02d%02dZ", f.year, f.month, f.day, f.hour,
                f.minute, f.second);
  return buf;
}

std::optional<Timestamp> parse_iso8601(std::string_view s, bool allow_fraction) {
  Fields f{};
  if (!digits(s, 0, 4, f.year) || s.size() < 19 || s[4] != '-' || !digits(s, 5, 2, f.month) ||
      s[7] != '-' || !digits(s, 8, 2, f.day) || s[10] != 'T' || !digits(s, 11, 2, f.hour) ||
      s[13] != ':' || !digits(s, 14, 2, f.minute) || s[16] != ':' || !digits(s, 17, 2, f.second))
    return std::nullopt;
  std::size_t pos = 19;
  if (pos < s.size() && s[pos] == '.') {
    if (!allow_fraction) return std::nullopt;
    ++pos;
    const std::size_t first = pos;
    while (pos < s.size() && s[pos] >= '0' && s[pos] <= '9') ++pos;
    if (pos == first) return std::nullopt;
  }
  int offset_seconds = 0;
  if (pos < s.size() && s[pos] == 'Z') {
    ++pos;
  } else if (pos < s.size() && (s[pos] == '+' || s[pos] == '-')) {
    int oh = 0, om = 0;
    if (!digits(s, pos + 1, 2, oh) || pos + 3 >= s.size() || s[pos + 3] != ':' ||
        !digits(s, pos + 4, 2, om) || oh > 23 || om > 59)
      return std::nullopt;
    offset_seconds = (s[pos] == '+' ? 1 : -1) * (oh * 3600 + om * 60);
    pos += 6;
  } else {
    return std::nullopt;
  }
  if (pos != s.size()) return std::nullopt;
  if (f.month < 1 || f.month > 12 || f.hour > 23 || f.minute > 59 || f.second > 59)
    return std::nullopt;
  const std::chrono::year_month_day ymd{std::chrono::year{f.year}, std::chrono::month(unsigned(f.month)),
                                        std::chrono::day(unsigned(f.day))};
  if (!ymd.ok()) return std::nullopt;
  const Timestamp local = std::chrono::sys_days{ymd} + std::chrono::hours{f.hour} +
                          std::chrono::minutes{f.minute} + Seconds{f.second};
  return local - Seconds{offset_seconds};
}

}  // namespace msync::core
