#include <algorithm>

#include "config/sections.hpp"

namespace msync::config::detail {

std::optional<std::string> read_sync_name(YamlReader& reader, const Entry& entry) {
  auto name = reader.non_empty_string(entry);
  if (!name) return std::nullopt;
  const bool valid = std::all_of(name->begin(), name->end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_';
  });
  if (!valid) {
    reader.error(entry, entry.path + ": '" + *name +
                            "' must match [a-z0-9_]+ (it names a folder under staging_dir)");
    return std::nullopt;
  }
  return name;
}

std::optional<Format> read_format(YamlReader& reader, const Entry& entry) {
  auto text = reader.string(entry);
  if (!text) return std::nullopt;
  if (*text == "csv") return Format::csv;
  if (*text == "tsv") return Format::tsv;
  if (*text == "ssv") return Format::ssv;
  reader.error(entry, entry.path + ": unknown format '" + *text + "' (expected csv, tsv or ssv)");
  return std::nullopt;
}

}  // namespace msync::config::detail
