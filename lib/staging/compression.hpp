#pragma once
// How a staged file is stored: as Marketo sent it, or compressed while it downloads. The manifest
// names it, the file name ends with its suffix (.csv.gz, .csv.zst), and size / checksum / records
// always describe the raw bytes Marketo sent.
#include <optional>
#include <string_view>

namespace msync::staging {

enum class Compression { none, gzip, zstd };

std::string_view to_string(Compression compression);      // "none" "gzip" "zstd": config, manifest
std::string_view file_suffix(Compression compression);    // "" ".gz" ".zst": after the format's extension
std::optional<Compression> parse_compression(std::string_view text);

}  // namespace msync::staging
