#include "imports/header_check.hpp"

#include <algorithm>
#include <array>
#include <vector>

#include <fmt/format.h>

#include "imports/field_name_case.hpp"
#include "imports/import_format.hpp"

namespace msync::imports {
namespace {

struct Candidate {
  char delimiter;
  std::string_view looks;
};

// The import formats' delimiters, and the space of Marketo's export SSV, which people feed back.
constexpr std::array<Candidate, 4> kCandidates{{
    {',', "comma-separated (csv)"},
    {'\t', "tab-separated (tsv)"},
    {';', "semicolon-separated (ssv)"},
    {' ', "space-separated (as Marketo's export SSV; an import's SSV uses semicolons)"},
}};

constexpr std::size_t kQuotedMax = 60;

std::size_t known_names(const csv::Record& record, const FieldCatalog& fields) {
  std::size_t known = 0;
  bool email = false;
  for (const csv::Field& field : record.fields) {
    email = email || is_email_name(field.value);
    known += is_email_name(field.value) || fields.knows(field.value) ? 1 : 0;
  }
  // Without a catalog, the email column alone vouches for the split.
  if (fields.empty()) return email ? record.fields.size() : 0;
  return known;
}

// A header value quoted into a reason, cut short (never inside a UTF-8 character) when long.
std::string shown(std::string_view value) {
  if (value.size() <= kQuotedMax) return fmt::format("\"{}\"", value);
  std::size_t cut = kQuotedMax;
  while (cut > 0 && (static_cast<unsigned char>(value[cut]) & 0xc0) == 0x80) --cut;
  return fmt::format("\"{}...\"", value.substr(0, cut));
}

Rejection at(const csv::Field& field, std::string what) {
  return Rejection{std::move(what), field.line, field.column};
}

}  // namespace

std::optional<std::string> delimiter_hint(std::string_view head, csv::Format format,
                                          const FieldCatalog& fields) {
  const Candidate* best = nullptr;
  std::size_t best_known = 1;  // a split must yield at least two known names
  for (const Candidate& candidate : kCandidates) {
    if (candidate.delimiter == import_delimiter(format)) continue;
    csv::RecordReader reader(head, candidate.delimiter);
    csv::Record record;
    auto more = reader.next(record);
    if (!more || !*more) continue;
    const std::size_t known = known_names(record, fields);
    if (known > best_known) {
      best = &candidate;
      best_known = known;
    }
  }
  if (!best) return std::nullopt;
  return fmt::format("looks {}, but this import's format is {}", best->looks,
                     csv::extension(format));
}

std::optional<Rejection> check_header(const csv::Record& header, csv::Format format,
                                      const FieldCatalog& fields, std::string_view head) {
  if (header.fields.size() == 1) {
    const csv::Field& only = header.fields.front();
    if (only.value.empty() && !only.quoted) return Rejection{"the header row is empty", header.line, 0};
    if (auto hint = delimiter_hint(head, format, fields))
      return Rejection{fmt::format("the header is one column {}; it {}", shown(only.value), *hint),
                       header.line, 0};
  }
  std::vector<std::string> seen;
  bool email = false;
  for (const csv::Field& field : header.fields) {
    const std::string& name = field.value;
    if (name.empty()) return at(field, "empty field name in the header");
    std::string key = folded_name(name);
    const auto twin = std::find(seen.begin(), seen.end(), key);
    if (twin != seen.end()) {
      const auto first = static_cast<std::size_t>(twin - seen.begin());
      return at(field, fmt::format("duplicate field {} in the header (field {} is {})",
                                   shown(name), first + 1, shown(header.fields[first].value)));
    }
    seen.push_back(std::move(key));
    if (is_email_name(name)) {
      email = true;
      continue;
    }
    if (fields.empty() || fields.knows(name)) continue;
    const auto suggestion = fields.closest(name);
    return at(field, suggestion ? fmt::format("unknown field {} in the header (did you mean {}?)",
                                              shown(name), shown(*suggestion))
                                : fmt::format("unknown field {} in the header", shown(name)));
  }
  if (!email) return Rejection{"no email column in the header", header.line, 0};
  return std::nullopt;
}

}  // namespace msync::imports
