#pragma once
// Reading and writing the delimited files imports carry (CSV, TSV, SSV): a cell may be quoted
// ("…", inner quotes doubled) and then hold the delimiter, quotes and line breaks; lines end in LF
// or CRLF; blank lines are skipped; a leading UTF-8 byte order mark is ignored.
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace fake {

struct DelimitedRow {
  std::vector<std::string> cells;
  std::size_t line = 0;  // the 1-based line the row starts on
};

struct DelimitedFile {
  std::vector<DelimitedRow> rows;  // the header row first
  std::string error;               // non-empty: the text is malformed (rows holds what came before)
};

DelimitedFile parse_delimited(std::string_view text, char delimiter);

// Appends one row ending in "\n", quoting the cells that need it and writing empty cells empty.
void append_row(const std::vector<std::string>& cells, char delimiter, std::string& out);

}  // namespace fake
