#pragma once
// Renders an export's rows as Marketo writes them: a header row, then one line per lead ordered by
// id; cells separated by the format's delimiter, a cell quoted ("…", inner quotes doubled) when it
// holds the delimiter, a quote, CR or LF; empty values written as null; every line ends in "\n".
// Jobs and expect() share this code so that the ground truth and the served file cannot differ.
#include <cstdint>
#include <string>
#include <string_view>

#include "fake_marketo/sim/export_spec.hpp"
#include "fake_marketo/sim/lead_database.hpp"

namespace fake {

// Where rendered bytes go, in chunks of about a megabyte (a 1 GB file is never held whole).
class ByteSink {
 public:
  virtual ~ByteSink() = default;
  virtual bool write(std::string_view chunk) = 0;  // false: stop, the sink failed
};

struct RenderStats {
  std::uint64_t records = 0;
  std::uint64_t bytes = 0;
  bool ok = true;  // false when the sink refused a chunk
};

RenderStats render_export(const LeadDatabase& db, const ExportSpec& spec, ByteSink& sink);

// Appends one cell: null when empty, quoted when it must be.
void append_cell(std::string_view value, char delimiter, std::string& out);

class StringSink final : public ByteSink {
 public:
  bool write(std::string_view chunk) override {
    data_.append(chunk);
    return true;
  }
  std::string& data() { return data_; }

 private:
  std::string data_;
};

}  // namespace fake
