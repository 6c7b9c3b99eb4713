#include "staging/compression.hpp"

namespace msync::staging {

std::string_view to_string(Compression compression) {
  switch (compression) {
    case Compression::gzip: return "gzip";
    case Compression::zstd: return "zstd";
    case Compression::none: break;
  }
  return "none";
}

std::string_view file_suffix(Compression compression) {
  switch (compression) {
    case Compression::gzip: return ".gz";
    case Compression::zstd: return ".zst";
    case Compression::none: break;
  }
  return "";
}

std::optional<Compression> parse_compression(std::string_view text) {
  for (auto c : {Compression::none, Compression::gzip, Compression::zstd})
    if (text == to_string(c)) return c;
  return std::nullopt;
}

}  // namespace msync::staging
