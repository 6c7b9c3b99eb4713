#pragma once
#include <optional>
#include <string_view>

namespace msync::csv {

enum class Format { csv, tsv, ssv };

char delimiter(Format format);               // ',' '\t' ' '
std::string_view extension(Format format);   // "csv" "tsv" "ssv": staged file names
std::string_view marketo_name(Format format);  // "CSV" "TSV" "SSV": the API's spelling

// Either spelling, case-insensitive ("csv", "CSV", "Tsv").
std::optional<Format> parse_format(std::string_view text);

// Marketo writes an empty value as this literal.
inline constexpr std::string_view kNullMarker = "null";

}  // namespace msync::csv
