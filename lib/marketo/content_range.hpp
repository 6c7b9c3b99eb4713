#pragma once
// Reading the Content-Range header of a ranged download.
#include <cstdint>
#include <optional>
#include <string_view>


namespace msync::marketo {

struct ContentRange {
  std::uint64_t first = 0;
  std::uint64_t last = 0;
  std::optional<std::uint64_t> total;  // absent for "/*"
};

// "bytes 100-199/200" or "bytes 100-199/*"; anything else (including "bytes */200") is nullopt.
std::optional<ContentRange> parse_content_range(std::string_view value);

// A decimal without sign or spaces that fits 64 bits.
std::optional<std::uint64_t> parse_u64(std::string_view text);

}  // namespace msync::marketo
