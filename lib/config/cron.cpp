#include "config/cron.hpp"

#include <array>
#include <cassert>
#include <charconv>
#include <vector>

namespace msync::config {
namespace {

struct FieldSpec {
  const char* name;
  int low;
  int high;
};

constexpr std::array<FieldSpec, 5> field_specs{{
    {"minute", 0, 59},
    {"hour", 0, 23},
    {"day-of-month", 1, 31},
    {"month", 1, 12},
    {"day-of-week", 0, 7},
}};

struct Token {
  std::string_view text;
  std::size_t offset;  // 0-based, in the whole expression
};

std::vector<Token> split(std::string_view text, char separator, std::size_t base, bool on_space) {
  std::vector<Token> tokens;
  std::size_t i = 0;
  while (i <= text.size()) {
    if (on_space) {
      while (i < text.size() && (text[i] == ' ' || text[i] == '\t')) ++i;
      if (i == text.size()) break;
    }
    std::size_t end = i;
    while (end < text.size() &&
           !(on_space ? (text[end] == ' ' || text[end] == '\t') : text[end] == separator)) {
      ++end;
    }
    tokens.push_back({text.substr(i, end - i), base + i});
    i = end + 1;
    if (on_space) i = end;
  }
  return tokens;
}

// Builds the failure for parse: the message, and the 1-based column where it points.
struct Failure {
  std::size_t column;
  std::string message;
};

class FieldParser {
 public:
  FieldParser(const FieldSpec& spec, std::vector<Failure>& failures)
      : spec_(spec), failures_(failures) {}

  // Sets bits[low..high] for every value the field allows; false after recording a failure.
  bool parse(const Token& field, std::vector<bool>& bits) {
    for (const Token& item : split(field.text, ',', field.offset, false)) {
      if (!parse_item(item, bits)) return false;
    }
    return true;
  }

 private:
  bool parse_item(const Token& item, std::vector<bool>& bits) {
    std::string_view range = item.text;
    int step = 1;
    if (auto slash = range.find('/'); slash != std::string_view::npos) {
      Token step_token{range.substr(slash + 1), item.offset + slash + 1};
      if (!number(step_token, step, 1, spec_.high)) return false;
      range = range.substr(0, slash);
    }
    int first = spec_.low;
    int last = spec_.high;
    if (range == "*") {
      // the whole field
    } else if (auto dash = range.find('-'); dash != std::string_view::npos) {
      if (!number({range.substr(0, dash), item.offset}, first, spec_.low, spec_.high) ||
          !number({range.substr(dash + 1), item.offset + dash + 1}, last, spec_.low, spec_.high)) {
        return false;
      }
      if (first > last) {
        return fail(item.offset, "range " + std::string(range) + " runs backwards");
      }
    } else {
      if (!number({range, item.offset}, first, spec_.low, spec_.high)) return false;
      // "a/n" runs from a to the end of the field; a lone "a" is just a.
      if (item.text.find('/') == std::string_view::npos) last = first;
    }
    for (int v = first; v <= last; v += step) bits[std::size_t(v)] = true;
    return true;
  }

  bool number(const Token& token, int& out, int low, int high) {
    const char* begin = token.text.data();
    const char* end = begin + token.text.size();
    auto [ptr, ec] = std::from_chars(begin, end, out);
    if (token.text.empty() || ec != std::errc{} || ptr != end || token.text[0] == '-') {
      return fail(token.offset, "expected a number, '*', a range a-b or a step /n, got '" +
                                    std::string(token.text) + "'");
    }
    if (out < low || out > high) {
      return fail(token.offset, std::string(token.text) + " is out of range " +
                                    std::to_string(low) + "-" + std::to_string(high));
    }
    return true;
  }

  bool fail(std::size_t offset, std::string what) {
    failures_.push_back({offset + 1, std::string(spec_.name) + ": " + std::move(what)});
    return false;
  }

  const FieldSpec& spec_;
  std::vector<Failure>& failures_;
};

template <std::size_t N>
std::bitset<N> to_bits(const std::vector<bool>& values) {
  std::bitset<N> bits;
  for (std::size_t i = 0; i < N && i < values.size(); ++i) bits[i] = values[i];
  return bits;
}

// The longest each month can be (February in a leap year).
constexpr std::array<int, 13> max_month_days{0, 31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};

}  // namespace

core::Result<Cron> Cron::parse(std::string_view text, std::size_t* error_column) {
  std::vector<Failure> failures;
  auto failed = [&]() -> core::Result<Cron> {
    const Failure& f = failures.front();
    if (error_column) *error_column = f.column;
    return core::make_error("column " + std::to_string(f.column) + ": " + f.message,
                            core::ErrorKind::permanent);
  };

  const std::vector<Token> fields = split(text, ' ', 0, true);
  if (fields.size() != field_specs.size()) {
    std::size_t column =
        fields.size() > field_specs.size() ? fields[field_specs.size()].offset + 1 : 1;
    failures.push_back(
        {column, "expected 5 fields (minute hour day-of-month month day-of-week), got " +
                     std::to_string(fields.size())});
    return failed();
  }

  std::array<std::vector<bool>, 5> bits;
  for (std::size_t i = 0; i < fields.size(); ++i) {
    bits[i].assign(std::size_t(field_specs[i].high) + 1, false);
    if (!FieldParser(field_specs[i], failures).parse(fields[i], bits[i])) return failed();
  }

  Cron cron;
  cron.text_ = std::string(
      text.substr(fields.front().offset,
                  fields.back().offset + fields.back().text.size() - fields.front().offset));
  cron.minutes_ = to_bits<60>(bits[0]);
  cron.hours_ = to_bits<24>(bits[1]);
  cron.days_of_month_ = to_bits<32>(bits[2]);
  cron.months_ = to_bits<13>(bits[3]);
  if (bits[4][7]) bits[4][0] = true;  // 7 is Sunday too
  cron.days_of_week_ = to_bits<7>(bits[4]);
  cron.dom_star_ = fields[2].text.starts_with('*');
  cron.dow_star_ = fields[4].text.starts_with('*');

  if (cron.dow_star_) {
    bool possible = false;
    for (int month = 1; month <= 12 && !possible; ++month) {
      for (int day = 1; day <= max_month_days[std::size_t(month)] && !possible; ++day) {
        possible = cron.months_[std::size_t(month)] && cron.days_of_month_[std::size_t(day)];
      }
    }
    if (!possible) {
      failures.push_back({fields[2].offset + 1, "day-of-month: no such day in the given months"});
      return failed();
    }
  }
  return cron;
}

bool Cron::day_matches(int day_of_month, int day_of_week) const {
  const bool dom = days_of_month_[std::size_t(day_of_month)];
  const bool dow = days_of_week_[std::size_t(day_of_week)];
  if (dom_star_ || dow_star_) return dom && dow;
  return dom || dow;
}

core::Timestamp Cron::next_after(core::Timestamp t) const {
  using namespace std::chrono;
  sys_time<minutes> candidate = floor<minutes>(t) + minutes{1};
  // parse() guarantees a match exists; the worst case (29 February on a Sunday-free rule) is years
  // away, and every step below skips at least a minute, usually a day or a month.
  for (int steps = 0; steps < 1'000'000; ++steps) {
    const sys_days day = floor<days>(candidate);
    const year_month_day date{day};
    if (!months_[unsigned(date.month())]) {
      year_month next = date.year() / date.month() + months{1};
      candidate = sys_days{next / 1};
      continue;
    }
    if (!day_matches(int(unsigned(date.day())), int(weekday{day}.c_encoding()))) {
      candidate = day + days{1};
      continue;
    }
    const auto hour = duration_cast<hours>(candidate - day);
    if (!hours_[std::size_t(hour.count())]) {
      candidate = day + hour + hours{1};
      continue;
    }
    const auto minute = duration_cast<minutes>(candidate - day - hour);
    if (!minutes_[std::size_t(minute.count())]) {
      candidate += minutes{1};
      continue;
    }
    return time_point_cast<seconds>(candidate);
  }
  assert(false && "Cron::parse let through an expression that never fires");
  return t;
}

}  // namespace msync::config
