#include "fake_marketo/sim/delimited.hpp"

#include "fake_marketo/sim/export_renderer.hpp"

namespace fake {
namespace {

constexpr std::string_view kBom = "\xEF\xBB\xBF";

bool blank(const DelimitedRow& row) { return row.cells.size() == 1 && row.cells[0].empty(); }

}  // namespace

DelimitedFile parse_delimited(std::string_view text, char delimiter) {
  if (text.starts_with(kBom)) text.remove_prefix(kBom.size());
  DelimitedFile file;
  DelimitedRow row{{std::string{}}, 1};
  std::size_t line = 1;
  auto end_row = [&] {
    if (!blank(row)) file.rows.push_back(std::move(row));
    row = DelimitedRow{{std::string{}}, line};
  };
  std::size_t i = 0;
  while (i < text.size()) {
    const char c = text[i];
    std::string& cell = row.cells.back();
    if (c == '"' && cell.empty()) {  // a quoted cell runs to its lone closing quote
      const std::size_t opened = line;
      for (++i;; ++i) {
        if (i >= text.size()) {
          file.error = "unterminated quoted value starting on line " + std::to_string(opened);
          return file;
        }
        if (text[i] == '"') {
          if (i + 1 < text.size() && text[i + 1] == '"') {
            cell += '"';
            ++i;
            continue;
          }
          ++i;
          break;
        }
        if (text[i] == '\n') ++line;
        cell += text[i];
      }
      continue;  // anything after the closing quote is kept as written, up to the delimiter
    }
    if (c == delimiter) {
      row.cells.emplace_back();
    } else if (c == '\n' || (c == '\r' && i + 1 < text.size() && text[i + 1] == '\n')) {
      if (c == '\r') ++i;
      ++line;
      end_row();
    } else {
      cell += c;
    }
    ++i;
  }
  end_row();
  return file;
}

void append_row(const std::vector<std::string>& cells, char delimiter, std::string& out) {
  for (std::size_t i = 0; i < cells.size(); ++i) {
    if (i) out += delimiter;
    if (!cells[i].empty()) append_cell(cells[i], delimiter, out);  // append_cell writes "" as null
  }
  out += '\n';
}

}  // namespace fake
