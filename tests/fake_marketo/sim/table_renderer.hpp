#pragma once
// The rendering loop the non-lead exports share (activities, program members, custom objects):
// the header row, then each selected row's asked columns, cells quoted and nulls written as
// export_renderer.hpp says, handed to the sink in chunks of about a megabyte.
#include <cstdint>
#include <string>

#include "fake_marketo/sim/export_renderer.hpp"
#include "fake_marketo/sim/export_spec.hpp"

namespace fake {

// Rows 0..rows-1 in order; include(row) selects one, append(row, column, out) writes a column's
// raw value (nothing for an empty one).
template <class Include, class Append>
RenderStats render_table(const ExportSpec& spec, ByteSink& sink, std::uint64_t rows, Include include,
                         Append append) {
  constexpr std::size_t kChunkBytes = 1 << 20;
  const char delimiter = format_info(spec.format).delimiter;
  RenderStats stats;
  std::string buffer;
  const auto flush = [&] {
    if (buffer.empty() || !stats.ok) return;
    stats.ok = sink.write(buffer);
    stats.bytes += buffer.size();
    buffer.clear();
  };
  for (std::size_t i = 0; i < spec.headers.size(); ++i) {
    if (i) buffer += delimiter;
    append_cell(spec.headers[i], delimiter, buffer);
  }
  buffer += '\n';
  std::string value;
  for (std::uint64_t row = 0; row < rows && stats.ok; ++row) {
    if (!include(row)) continue;
    for (std::size_t i = 0; i < spec.columns.size(); ++i) {
      if (i) buffer += delimiter;
      value.clear();
      append(row, spec.columns[i], value);
      append_cell(value, delimiter, buffer);
    }
    buffer += '\n';
    ++stats.records;
    if (buffer.size() >= kChunkBytes) flush();
  }
  flush();
  return stats;
}

}  // namespace fake
