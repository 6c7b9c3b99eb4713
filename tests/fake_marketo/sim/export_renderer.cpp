#include "fake_marketo/sim/export_renderer.hpp"

#include <cstring>
#include <vector>

namespace fake {
namespace {

constexpr std::size_t kChunkBytes = 1 << 20;

bool needs_quotes(const char* p, std::size_t n, char delimiter) {
  for (std::size_t i = 0; i < n; ++i) {
    const char c = p[i];
    if (c == delimiter || c == '"' || c == '\n' || c == '\r') return true;
  }
  return false;
}

void append_quoted(std::string_view value, std::string& out) {
  out += '"';
  for (char c : value) {
    if (c == '"') out += '"';
    out += c;
  }
  out += '"';
}

// Quotes in place the cell that starts at out[start] (values are generated straight into out;
// only the rare cell that needs quotes is copied).
void finish_cell(std::size_t start, char delimiter, std::string& out, bool may_need_quotes = true) {
  const std::size_t n = out.size() - start;
  if (n == 0) {
    out += "null";
  } else if (may_need_quotes && needs_quotes(out.data() + start, n, delimiter)) {
    const std::string value = out.substr(start);
    out.resize(start);
    append_quoted(value, out);
  }
}

class Renderer {
 public:
  Renderer(const LeadDatabase& db, const ExportSpec& spec, ByteSink& sink)
      : db_(db), spec_(spec), sink_(sink), delimiter_(format_info(spec.format).delimiter) {
    buffer_.reserve(kChunkBytes + 64 * 1024);
    for (Field f : spec_.fields) may_need_quotes_.push_back(may_need_quotes(f));
  }

  RenderStats run() {
    for (std::size_t i = 0; i < spec_.headers.size(); ++i) {
      if (i) buffer_ += delimiter_;
      append_cell(spec_.headers[i], delimiter_, buffer_);
    }
    buffer_ += '\n';
    const std::string& type = spec_.filter_type;
    if (type == "createdAt") {
      scan([this](std::uint64_t id) { return in_window(db_.created_at(id)); });
    } else if (type == "updatedAt") {
      scan([this](std::uint64_t id) { return in_window(db_.updated_at(id)); });
    } else {
      scan([this](std::uint64_t id) { return db_.in_list(id, spec_.list_id).value_or(false); });
    }
    flush();
    return stats_;
  }

 private:
  // Generated values (ids, emails, numbers, times) never hold a quote, comma, tab or line break;
  // phones hold a space. Skipping the scan for them is most of the rendering time saved.
  bool may_need_quotes(Field f) const {
    switch (f) {
      case Field::id: case Field::email: case Field::lead_score: case Field::created_at:
      case Field::updated_at: return false;
      case Field::phone: return delimiter_ == ' ';
      default: return true;
    }
  }

  bool in_window(std::int64_t t) const { return spec_.start_at <= t && t <= spec_.end_at; }

  template <class Match>
  void scan(Match match) {
    const std::uint64_t n = db_.size();
    for (std::uint64_t id = 1; id <= n && stats_.ok; ++id) {
      if (!match(id)) continue;
      row(id);
      if (buffer_.size() >= kChunkBytes) flush();
    }
  }

  void row(std::uint64_t id) {
    for (std::size_t i = 0; i < spec_.fields.size(); ++i) {
      if (i) buffer_ += delimiter_;
      const std::size_t start = buffer_.size();
      db_.append_value(id, spec_.fields[i], buffer_);
      finish_cell(start, delimiter_, buffer_, may_need_quotes_[i]);
    }
    buffer_ += '\n';
    ++stats_.records;
  }

  void flush() {
    if (buffer_.empty() || !stats_.ok) return;
    stats_.ok = sink_.write(buffer_);
    stats_.bytes += buffer_.size();
    buffer_.clear();
  }

  const LeadDatabase& db_;
  const ExportSpec& spec_;
  ByteSink& sink_;
  char delimiter_;
  std::vector<bool> may_need_quotes_;  // per requested field
  std::string buffer_;
  RenderStats stats_;
};

}  // namespace

void append_cell(std::string_view value, char delimiter, std::string& out) {
  const std::size_t start = out.size();
  out.append(value);
  finish_cell(start, delimiter, out);
}

RenderStats render_export(const LeadDatabase& db, const ExportSpec& spec, ByteSink& sink) {
  return Renderer(db, spec, sink).run();
}

}  // namespace fake
