#include "marketo/multipart_form.hpp"

#include <algorithm>

namespace msync::marketo {
namespace {

constexpr std::string_view kCrlf = "\r\n";
constexpr std::size_t kMaxFilename = 200;

bool occurs_in(const std::vector<FormPart>& parts, std::string_view boundary) {
  return std::any_of(parts.begin(), parts.end(), [boundary](const FormPart& part) {
    return part.name.find(boundary) != std::string::npos ||
           part.value.find(boundary) != std::string_view::npos ||
           (part.filename && part.filename->find(boundary) != std::string::npos);
  });
}

bool is_continuation(char c) { return (static_cast<unsigned char>(c) & 0xC0) == 0x80; }

// The longest length <= max (>= 1) that does not end inside a UTF-8 sequence.
std::size_t utf8_prefix(std::string_view text, std::size_t max) {
  std::size_t lead = max - 1;  // where the character holding byte max - 1 starts
  while (lead > 0 && max - lead < 4 && is_continuation(text[lead])) --lead;
  const auto first = static_cast<unsigned char>(text[lead]);
  const std::size_t length = first >= 0xF0 ? 4 : first >= 0xE0 ? 3 : first >= 0xC0 ? 2 : 1;
  return lead + length <= max ? max : lead;
}

void append_part(std::string& body, std::string_view boundary, const FormPart& part) {
  body.append("--").append(boundary).append(kCrlf);
  body.append("Content-Disposition: form-data; name=\"").append(part.name).append("\"");
  if (part.filename) body.append("; filename=\"").append(*part.filename).append("\"");
  body.append(kCrlf);
  if (!part.content_type.empty()) body.append("Content-Type: ").append(part.content_type).append(kCrlf);
  body.append(kCrlf).append(part.value).append(kCrlf);
}

}  // namespace

MultipartBody encode_multipart(const std::vector<FormPart>& parts,
                               const std::function<std::string()>& make_boundary) {
  std::string boundary = make_boundary();
  while (occurs_in(parts, boundary)) boundary = make_boundary();

  std::size_t size = boundary.size() + 8;
  for (const FormPart& part : parts) size += part.name.size() + part.value.size() + boundary.size() + 128;
  MultipartBody out{"multipart/form-data; boundary=" + boundary, {}};
  out.body.reserve(size);
  for (const FormPart& part : parts) append_part(out.body, boundary, part);
  out.body.append("--").append(boundary).append("--").append(kCrlf);
  return out;
}

std::string safe_filename(std::string_view name, std::string_view fallback) {
  const auto slash = name.find_last_of("/\\");
  if (slash != std::string_view::npos) name.remove_prefix(slash + 1);
  std::string out;
  for (char c : name) {
    const auto u = static_cast<unsigned char>(c);
    out.push_back(u < 0x20 || u == 0x7f || c == '"' ? '_' : c);
  }
  if (out.size() > kMaxFilename) out.resize(utf8_prefix(out, kMaxFilename));
  if (out.empty() || out == "." || out == "..") return std::string(fallback);
  return out;
}

}  // namespace msync::marketo
