#include "fake_marketo/sim/import_rows.hpp"

#include <charconv>
#include <cstdint>

#include "core/core.hpp"

namespace fake {
namespace {

bool is_upper(char c) { return c >= 'A' && c <= 'Z'; }

bool fits_integer(std::string_view v) {
  if (v.starts_with('+') || v.starts_with('-')) v.remove_prefix(1);
  std::int64_t n = 0;
  const auto r = std::from_chars(v.data(), v.data() + v.size(), n);
  return !v.empty() && r.ec == std::errc() && r.ptr == v.data() + v.size();
}

bool fits_date(std::string_view v) {  // YYYY-MM-DD
  if (v.size() != 10 || v[4] != '-' || v[7] != '-') return false;
  return msync::core::parse_iso8601(std::string(v) + "T00:00:00Z").has_value();
}

bool fits(FieldType type, std::string_view v) {
  if (v.empty()) return true;  // an empty cell leaves the field empty
  switch (type) {
    case FieldType::integer: return fits_integer(v);
    case FieldType::datetime: return fits_date(v) || msync::core::parse_iso8601(v, true).has_value();
    case FieldType::email: case FieldType::string: case FieldType::phone: return true;
  }
  return true;
}

}  // namespace

std::string display_name(std::string_view rest_name) {
  std::string out;
  for (std::size_t i = 0; i < rest_name.size(); ++i) {
    const char c = rest_name[i];
    if (i == 0) {
      out += (c >= 'a' && c <= 'z') ? char(c - 'a' + 'A') : c;
    } else {
      if (is_upper(c) && !is_upper(rest_name[i - 1])) out += ' ';
      out += c;
    }
  }
  return out;
}

bool plausible_email(std::string_view email) {
  const auto at = email.find('@');
  if (at == 0 || at == std::string_view::npos || email.find('@', at + 1) != std::string_view::npos)
    return false;
  const std::string_view domain = email.substr(at + 1);
  const auto dot = domain.find('.');
  if (dot == 0 || dot == std::string_view::npos || domain.ends_with('.')) return false;
  for (char c : email)
    if (c == ' ' || c == '\t' || c == ',' || c == ';' || c == '"' || static_cast<unsigned char>(c) < 0x20)
      return false;
  return true;
}

std::variant<ImportColumns, MarketoError> check_header(const std::vector<std::string>& header) {
  ImportColumns columns;
  bool has_email = false;
  for (std::size_t i = 0; i < header.size(); ++i) {
    const auto field = LeadDatabase::find_field(header[i]);
    if (!field) return MarketoError{"1006", "Field '" + header[i] + "' not found"};
    for (Field seen : columns.fields)
      if (seen == *field) return MarketoError{"1003", "Column '" + header[i] + "' appears twice in the header"};
    if (*field == Field::email) columns.email = i, has_email = true;
    columns.fields.push_back(*field);
  }
  if (!has_email)
    return MarketoError{"1003", "The header has no email column: every record needs an email address"};
  return columns;
}

RowVerdict check_row(const ImportColumns& columns, const std::vector<std::string>& cells) {
  if (cells.size() != columns.fields.size())
    return {"Invalid number of fields: " + std::to_string(cells.size()) + " in the row, " +
                std::to_string(columns.fields.size()) + " in the header",
            {}};
  const auto& schema = lead_schema();
  for (std::size_t i = 0; i < cells.size(); ++i) {
    const LeadField& f = schema[std::size_t(columns.fields[i])];
    if (!fits(f.type, cells[i])) return {"Invalid data type in field " + display_name(f.name), {}};
  }
  const std::string& email = cells[columns.email];
  if (email.empty()) return {"Missing email address", {}};
  if (!plausible_email(email)) return {{}, "Invalid email address"};
  return {};
}

}  // namespace fake
