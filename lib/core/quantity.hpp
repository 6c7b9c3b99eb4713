#pragma once
// The human-written quantities of the configuration: durations (90s, 15m, 1h, 7d) and sizes
// (10MB, 500MB). Parsing is strict: one integer, one unit, nothing else.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "core/time.hpp"

namespace msync::core {

// Units: s, m, h, d. "0s" is valid; negative, fractional or unit-less values are not.
std::optional<Seconds> parse_duration(std::string_view text);

// The shortest exact form: 604800 s -> "7d", 90 s -> "90s".
std::string format_duration(Seconds value);

// Units: B, KB, MB, GB, TB (decimal, as Marketo states its limits) and KiB, MiB, GiB, TiB.
std::optional<std::uint64_t> parse_size(std::string_view text);

}  // namespace msync::core
