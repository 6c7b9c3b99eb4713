#include "imports/file_validator.hpp"

#include <algorithm>
#include <cinttypes>
#include <cstdio>
#include <istream>
#include <optional>

#include <fmt/format.h>

#include "imports/checked_file_buffer.hpp"
#include "imports/header_check.hpp"
#include "imports/import_format.hpp"
#include "imports/quick_validation.hpp"

namespace msync::imports {
namespace {

// RecordReader says "<line>:<column>: <what>".
Rejection from_reader(const std::string& message) {
  std::uint64_t line = 0, column = 0;
  int consumed = 0;
  if (std::sscanf(message.c_str(), "%" SCNu64 ":%" SCNu64 ": %n", &line, &column, &consumed) == 2 &&
      consumed > 0)
    return Rejection{message.substr(static_cast<std::size_t>(consumed)), line, column};
  return Rejection{message, 0, 0};
}

std::optional<Rejection> check_row(const csv::Record& record, std::size_t columns) {
  const std::size_t found = record.fields.size();
  if (found == 1 && record.fields.front().value.empty() && !record.fields.front().quoted)
    return Rejection{"empty line (blank lines are not allowed, not even at the end)", record.line, 0};
  if (found == columns) return std::nullopt;
  return Rejection{fmt::format("row has {} column{}, the header {}", found, found == 1 ? "" : "s",
                               columns),
                   record.line, 0};
}

// Reads records until the first structural problem; counts data records on the way.
struct Parse {
  std::vector<std::string> header;
  std::uint64_t records = 0;
  std::optional<Rejection> problem;
  std::uint64_t read_through = 0;  // the last line the parser had read whole when it showed
};

// Whether the text problem (binary data, bad UTF-8, a BOM) is reported instead of the parser's.
// The text check runs ahead of the parser, so it has seen every byte the parser has: the text
// problem wins when it stands on a line the parser had read whole, or on the parser's problem's
// line up to its column (a bad byte right after a closing quote is called bad UTF-8, not a bad
// quote). A bad row or header counts as read through its last line, and a quoted field never
// closed is noticed at the end of the file, so junk inside it is reported as junk.
bool text_comes_first(const Rejection& text, const Parse& parsed) {
  const Rejection& other = *parsed.problem;
  return text.line <= parsed.read_through ||
         (text.line == other.line && text.column <= other.column);
}

// The line a record ends on: only a quoted last field can hold line breaks.
std::uint64_t last_line(const csv::Record& record) {
  const csv::Field& field = record.fields.back();
  return field.line + static_cast<std::uint64_t>(
                          std::count(field.value.begin(), field.value.end(), '\n'));
}

Parse parse(CheckedFileBuffer& buffer, csv::Format format, const FieldCatalog& fields) {
  Parse out;
  std::istream input(&buffer);
  csv::RecordReader reader(input, import_delimiter(format));
  csv::Record record;
  for (bool first = true;; first = false) {
    auto more = reader.next(record);
    if (const auto& line = buffer.overlong_record()) {
      out.problem = Rejection{"a record of more than 10 MB: an import file must be under 10 MB, so "
                              "it can never be sent",
                              *line, 0};
      return out;
    }
    if (!more) {
      out.problem = from_reader(more.error().message);
      out.read_through = reader.line() - 1;
      // A header that does not even parse may simply use another delimiter.
      if (first)
        if (auto hint = delimiter_hint(buffer.head(), format, fields))
          out.problem->what += fmt::format("; the header {}", *hint);
      return out;
    }
    if (!*more) return out;
    out.problem = first ? check_header(record, format, fields, buffer.head())
                        : check_row(record, out.header.size());
    if (out.problem) {
      out.read_through = last_line(record);
      return out;
    }
    if (first) {
      for (csv::Field& field : record.fields) out.header.push_back(std::move(field.value));
    } else {
      ++out.records;
    }
    buffer.record_starts(reader.line());
    // Past a text problem the file is rejected for it whatever follows: stop reading.
    if (const auto& text = buffer.text().problem(); text && text->line < reader.line()) return out;
  }
}

}  // namespace

std::string Rejection::describe() const {
  if (line == 0) return what;
  if (column == 0) return fmt::format("line {}: {}", line, what);
  return fmt::format("line {}, column {}: {}", line, column, what);
}

// Blank lines: the line break that ends the last record is fine (and so is its absence); any
// empty line, in the middle or at the end ("...\n\n"), is a record of one empty field that Marketo
// would see as a row, and is rejected as an empty line.
Validation validate_import_file(const std::filesystem::path& file, csv::Format format,
                                const FieldCatalog& fields, std::uint64_t max_part_bytes) {
  if (auto vouched = validate_quickly(file, format, fields, max_part_bytes)) return std::move(*vouched);
  // Invalid or in doubt: read it again, record by record, to name the first problem exactly.
  return validate_import_file_exactly(file, format, fields);
}

Validation validate_import_file_exactly(const std::filesystem::path& file, csv::Format format,
                                        const FieldCatalog& fields) {
  CheckedFileBuffer buffer;
  if (auto opened = buffer.open(file); !opened) return Rejection{opened.error().message, 0, 0};
  Parse parsed = parse(buffer, format, fields);
  if (buffer.read_error()) return Rejection{*buffer.read_error(), 0, 0};
  // A record cut off for its length ends the parse where the text check stopped too: any text
  // problem found is inside that record.
  if (const auto& text = buffer.text().problem();
      text && (!parsed.problem || buffer.overlong_record() || text_comes_first(*text, parsed)))
    return *text;
  if (parsed.problem) return *parsed.problem;
  if (buffer.bytes() == 0) return Rejection{"the file is empty (0 bytes)", 0, 0};
  if (parsed.records == 0) return Rejection{"the file has a header row but no records", 0, 0};
  return ValidatedFile{std::move(parsed.header), parsed.records, buffer.bytes(), buffer.sha256(), std::nullopt};
}

}  // namespace msync::imports
