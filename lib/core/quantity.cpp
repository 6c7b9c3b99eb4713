#include "core/quantity.hpp"

#include <array>
#include <charconv>
#include <limits>
#include <utility>

namespace msync::core {
namespace {

// Splits "123unit" into its number and its unit; false unless both are present and well formed.
bool split_number(std::string_view text, std::uint64_t& number, std::string_view& unit) {
  const char* end = text.data() + text.size();
  auto [ptr, ec] = std::from_chars(text.data(), end, number);
  if (ec != std::errc{} || ptr == text.data()) return false;
  unit = std::string_view(ptr, std::size_t(end - ptr));
  return !unit.empty();
}

}  // namespace

std::optional<Seconds> parse_duration(std::string_view text) {
  std::uint64_t n = 0;
  std::string_view unit;
  if (!split_number(text, n, unit)) return std::nullopt;
  std::uint64_t scale = 0;
  if (unit == "s") scale = 1;
  else if (unit == "m") scale = 60;
  else if (unit == "h") scale = 3600;
  else if (unit == "d") scale = 86400;
  else return std::nullopt;
  // Ten thousand years is more than any setting means; beyond it is a typo, not a wish.
  constexpr std::uint64_t max_seconds = 10000ull * 366 * 86400;
  if (n > max_seconds / scale) return std::nullopt;
  return Seconds{static_cast<Seconds::rep>(n * scale)};
}

std::string format_duration(Seconds value) {
  const auto s = value.count();
  if (s != 0 && s % 86400 == 0) return std::to_string(s / 86400) + "d";
  if (s != 0 && s % 3600 == 0) return std::to_string(s / 3600) + "h";
  if (s != 0 && s % 60 == 0) return std::to_string(s / 60) + "m";
  return std::to_string(s) + "s";
}

std::optional<std::uint64_t> parse_size(std::string_view text) {
  static constexpr std::array<std::pair<std::string_view, std::uint64_t>, 9> units{{
      {"B", 1},
      {"KB", 1000ull},
      {"MB", 1000ull * 1000},
      {"GB", 1000ull * 1000 * 1000},
      {"TB", 1000ull * 1000 * 1000 * 1000},
      {"KiB", 1ull << 10},
      {"MiB", 1ull << 20},
      {"GiB", 1ull << 30},
      {"TiB", 1ull << 40},
  }};
  std::uint64_t n = 0;
  std::string_view unit;
  if (!split_number(text, n, unit)) return std::nullopt;
  for (const auto& [name, scale] : units) {
    if (unit != name) continue;
    if (n > std::numeric_limits<std::uint64_t>::max() / scale) return std::nullopt;
    return n * scale;
  }
  return std::nullopt;
}

}  // namespace msync::core
