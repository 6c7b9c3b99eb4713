#pragma once
// UTC instants at second resolution, and the ISO-8601 forms Marketo speaks.
#include <chrono>
#include <optional>
#include <string>
#include <string_view>

namespace msync::core {

using Timestamp = std::chrono::sys_seconds;
using Seconds = std::chrono::seconds;

// 2024-01-01T00:00:00Z: the extended form Marketo's filters require (no milliseconds).
std::string format_iso8601(Timestamp t);

// 20240101T000000Z: the basic form, used in file names where colons would bother other tools.
std::string format_iso8601_basic(Timestamp t);

// Accepts YYYY-MM-DDTHH:MM:SS followed by Z or ±HH:MM (Marketo answers carry offsets such as
// -08:00). Fractional seconds are accepted only when allow_fraction is set (and truncated).
std::optional<Timestamp> parse_iso8601(std::string_view text, bool allow_fraction = false);

}  // namespace msync::core
