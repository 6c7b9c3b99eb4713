#include "fake_marketo/sim/multipart.hpp"

#include "fake_marketo/sim/http_parts.hpp"

namespace fake {
namespace {

constexpr std::size_t kMaxBoundary = 70;  // RFC 2046

MarketoError malformed(const std::string& what) {
  return {"609", "Invalid multipart/form-data body: " + what};
}

std::string lower(std::string_view s) {
  std::string out(s);
  for (char& c : out)
    if (c >= 'A' && c <= 'Z') c = char(c - 'A' + 'a');
  return out;
}

// Reads a token or quoted-string starting at text[i]; leaves i after it.
std::string read_value(std::string_view text, std::size_t& i) {
  std::string out;
  if (i < text.size() && text[i] == '"') {
    for (++i; i < text.size() && text[i] != '"'; ++i) {
      if (text[i] == '\\' && i + 1 < text.size()) ++i;
      out += text[i];
    }
    if (i < text.size()) ++i;  // the closing quote
    return out;
  }
  while (i < text.size() && text[i] != ';') out += text[i++];
  return std::string(trim(out));
}

struct Line {
  std::string_view text;  // without its line break
  std::size_t next;       // where the following line starts
};

// The line starting at `from`, ended by LF or CRLF; nullopt when no line break follows.
std::optional<Line> line_at(std::string_view body, std::size_t from) {
  const auto lf = body.find('\n', from);
  if (lf == std::string_view::npos) return std::nullopt;
  std::size_t end = lf;
  if (end > from && body[end - 1] == '\r') --end;
  return Line{body.substr(from, end - from), lf + 1};
}

// Reads one part's header block starting at `pos` (just after its boundary line).
std::variant<FormPart, MarketoError> read_part_headers(std::string_view body, std::size_t& pos,
                                                       std::size_t index) {
  FormPart part;
  bool named = false;
  const std::string where = "part " + std::to_string(index + 1);
  while (true) {
    const auto line = line_at(body, pos);
    if (!line) return malformed(where + ": its headers never end with an empty line");
    pos = line->next;
    if (line->text.empty()) break;
    const auto colon = line->text.find(':');
    if (colon == std::string_view::npos)
      return malformed(where + ": header line '" + std::string(line->text.substr(0, 80)) + "' has no ':'");
    const std::string_view name = trim(line->text.substr(0, colon));
    const std::string_view value = trim(line->text.substr(colon + 1));
    if (iequals(name, "Content-Disposition")) {
      const HeaderValue v = parse_header_value(value);
      if (!iequals(v.value, "form-data"))
        return malformed(where + ": Content-Disposition is '" + v.value + "', not form-data");
      if (const auto* n = v.param("name")) part.name = *n, named = true;
      if (const auto* f = v.param("filename")) part.filename = *f;
    } else if (iequals(name, "Content-Type")) {
      part.content_type = std::string(value);
    }
  }
  if (!named) return malformed(where + " has no Content-Disposition name");
  return part;
}

}  // namespace

const std::string* HeaderValue::param(std::string_view name) const {
  for (const auto& [k, v] : params)
    if (k == name) return &v;
  return nullptr;
}

HeaderValue parse_header_value(std::string_view text) {
  HeaderValue out;
  const auto semi = text.find(';');
  out.value = std::string(trim(text.substr(0, semi)));
  std::size_t i = semi == std::string_view::npos ? text.size() : semi + 1;
  while (i < text.size()) {
    while (i < text.size() && (text[i] == ' ' || text[i] == '\t' || text[i] == ';')) ++i;
    const std::size_t name_start = i;
    while (i < text.size() && text[i] != '=' && text[i] != ';') ++i;
    const std::string name = lower(trim(text.substr(name_start, i - name_start)));
    if (i < text.size() && text[i] == '=') {
      ++i;
      while (i < text.size() && (text[i] == ' ' || text[i] == '\t')) ++i;
      std::string value = read_value(text, i);
      if (!name.empty()) out.params.emplace_back(name, std::move(value));
    }
    while (i < text.size() && text[i] != ';') ++i;  // junk after a quoted value
  }
  return out;
}

const FormPart* find_part(const std::vector<FormPart>& parts, std::string_view name) {
  for (const auto& p : parts)
    if (p.name == name) return &p;
  return nullptr;
}

std::variant<std::vector<FormPart>, MarketoError> parse_multipart(std::string_view content_type,
                                                                   std::string_view body) {
  const HeaderValue type = parse_header_value(content_type);
  if (!iequals(type.value, "multipart/form-data"))
    return malformed("the Content-Type is '" + std::string(content_type.substr(0, 100)) +
                     "', not multipart/form-data");
  const std::string* boundary = type.param("boundary");
  if (!boundary || boundary->empty()) return malformed("the Content-Type has no boundary parameter");
  if (boundary->size() > kMaxBoundary) return malformed("the boundary is longer than 70 characters");
  const std::string dash = "--" + *boundary;
  const std::string delimiter = "\n" + dash;  // a CR before it belongs to the delimiter too

  // The first boundary may open the body; anything before it (a preamble) is ignored.
  std::size_t pos = 0;
  if (body.substr(0, dash.size()) == dash) {
    pos = dash.size();
  } else {
    const auto first = body.find(delimiter);
    if (first == std::string_view::npos) return malformed("the boundary from the Content-Type never occurs");
    pos = first + delimiter.size();
  }
  std::vector<FormPart> parts;
  while (true) {
    if (body.substr(pos, 2) == "--") return parts;  // the closing boundary; an epilogue is ignored
    const auto rest = line_at(body, pos);
    if (!rest || !trim(rest->text).empty())
      return malformed("a boundary line is not followed by a line break (part " +
                       std::to_string(parts.size() + 1) + ")");
    pos = rest->next;
    auto part = read_part_headers(body, pos, parts.size());
    if (auto* e = std::get_if<MarketoError>(&part)) return *e;
    const auto end = body.find(delimiter, pos == 0 ? 0 : pos - 1);
    if (end == std::string_view::npos)
      return malformed("part " + std::to_string(parts.size() + 1) + " is not followed by a boundary "
                       "(the body ends without its closing boundary)");
    std::size_t data_end = std::max(end, pos);
    if (data_end > pos && body[data_end - 1] == '\r') --data_end;
    std::get<FormPart>(part).data = std::string(body.substr(pos, data_end - pos));
    parts.push_back(std::move(std::get<FormPart>(part)));
    pos = end + delimiter.size();
  }
}

}  // namespace fake
