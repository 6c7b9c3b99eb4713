#pragma once
// Reads a multipart/form-data body back, independently of the client's encoder and strictly: CRLF
// line breaks, the boundary from the Content-Type, every part's headers, and a closing boundary.
// Anything off is a test failure.
#include <gtest/gtest.h>

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace msync::marketo::testing {

struct ReadPart {
  std::string disposition;  // the whole Content-Disposition value
  std::string content_type;  // "" when the part has none
  std::string data;
};

inline std::string boundary_of(std::string_view content_type) {
  constexpr std::string_view kPrefix = "multipart/form-data; boundary=";
  if (content_type.substr(0, kPrefix.size()) != kPrefix) {
    ADD_FAILURE() << "Content-Type: " << content_type;
    return "";
  }
  return std::string(content_type.substr(kPrefix.size()));
}

inline std::optional<std::vector<ReadPart>> read_multipart(std::string_view body,
                                                           const std::string& boundary) {
  const std::string open = "--" + boundary + "\r\n";
  const std::string next = "\r\n--" + boundary;
  if (boundary.empty() || body.substr(0, open.size()) != open) return std::nullopt;
  std::vector<ReadPart> parts;
  std::size_t pos = open.size();
  for (;;) {
    ReadPart part;
    for (;;) {
      const auto eol = body.find("\r\n", pos);
      if (eol == std::string_view::npos) return std::nullopt;
      const std::string_view line = body.substr(pos, eol - pos);
      pos = eol + 2;
      if (line.empty()) break;
      const auto colon = line.find(": ");
      if (colon == std::string_view::npos) return std::nullopt;
      const std::string_view name = line.substr(0, colon);
      if (name == "Content-Disposition") part.disposition = line.substr(colon + 2);
      else if (name == "Content-Type") part.content_type = line.substr(colon + 2);
      else return std::nullopt;
    }
    const auto end = body.find(next, pos);
    if (end == std::string_view::npos) return std::nullopt;
    part.data = body.substr(pos, end - pos);
    parts.push_back(std::move(part));
    pos = end + next.size();
    if (body.substr(pos) == "--\r\n") return parts;
    if (body.substr(pos, 2) != "\r\n") return std::nullopt;
    pos += 2;
  }
}

}  // namespace msync::marketo::testing
