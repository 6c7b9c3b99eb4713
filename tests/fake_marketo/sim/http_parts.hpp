#pragma once
// The pieces of a request the simulator reads: path, query / form parameters, headers, Range.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "fake_marketo/sim/simulator.hpp"

namespace fake {

using Params = std::vector<std::pair<std::string, std::string>>;

struct Target {
  std::string path;  // percent-decoded
  Params query;
};

Target split_target(std::string_view target);
// application/x-www-form-urlencoded (also the query string): '+' is a space, %XX decoded.
Params parse_form(std::string_view text);
std::optional<std::string> find_param(const Params& params, std::string_view name);
// ASCII case-insensitive comparison (header names, media types, parameter names).
bool iequals(std::string_view a, std::string_view b);
// Without leading and trailing spaces and tabs.
std::string_view trim(std::string_view s);
// Case-insensitive, first occurrence.
std::optional<std::string_view> find_header(const HttpRequest& request, std::string_view name);

// The answer to a Range header over a file of `total` bytes (RFC 9110 single byte ranges).
struct RangeAnswer {
  enum class Kind { whole, partial, unsatisfiable } kind = Kind::whole;
  std::uint64_t first = 0;  // partial: inclusive bounds
  std::uint64_t last = 0;
};
// A header that is absent, malformed or asks for several ranges is ignored (whole file), as RFC
// 9110 allows; `a-b` (b clamped to the end), `a-` and `-n` (the last n bytes) are served; a start at
// or past the end, or `-0`, is unsatisfiable.
RangeAnswer resolve_range(std::optional<std::string_view> header, std::uint64_t total);

}  // namespace fake
