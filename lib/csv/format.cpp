#include "csv/format.hpp"

#include <cctype>

namespace msync::csv {

char delimiter(Format format) {
  switch (format) {
    case Format::csv: return ',';
    case Format::tsv: return '\t';
    case Format::ssv: return ' ';
  }
  return ',';
}

std::string_view extension(Format format) {
  switch (format) {
    case Format::csv: return "csv";
    case Format::tsv: return "tsv";
    case Format::ssv: return "ssv";
  }
  return "csv";
}

std::string_view marketo_name(Format format) {
  switch (format) {
    case Format::csv: return "CSV";
    case Format::tsv: return "TSV";
    case Format::ssv: return "SSV";
  }
  return "CSV";
}

std::optional<Format> parse_format(std::string_view text) {
  if (text.size() != 3) return std::nullopt;
  for (Format f : {Format::csv, Format::tsv, Format::ssv}) {
    const std::string_view ext = extension(f);
    bool same = true;
    for (std::size_t i = 0; i < 3; ++i)
      same = same && std::tolower(static_cast<unsigned char>(text[i])) == ext[i];
    if (same) return f;
  }
  return std::nullopt;
}

}  // namespace msync::csv
