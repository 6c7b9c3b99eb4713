#pragma once
// multipart/form-data (RFC 7578) as curl, browsers and HTTP libraries send it: the boundary from
// the Content-Type, CRLF line breaks (bare LF tolerated), quoted parameters, binary contents.
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "fake_marketo/sim/export_spec.hpp"

namespace fake {

struct FormPart {
  std::string name;          // Content-Disposition name
  std::string filename;      // Content-Disposition filename; empty for a plain field
  std::string content_type;  // the part's Content-Type, if it has one
  std::string data;          // the bytes between the part's headers and the next boundary
};

// The parts in order, or a 609 naming what is malformed and where.
std::variant<std::vector<FormPart>, MarketoError> parse_multipart(std::string_view content_type,
                                                                   std::string_view body);

// The first part called `name`, or nullptr.
const FormPart* find_part(const std::vector<FormPart>& parts, std::string_view name);

// A header value's parameters: `type; a=b; c="d \"e\""` gives the value "type" and {a: b, c: d "e"}
// (names lower-cased). Semicolons inside quotes do not split.
struct HeaderValue {
  std::string value;
  std::vector<std::pair<std::string, std::string>> params;
  const std::string* param(std::string_view name) const;
};
HeaderValue parse_header_value(std::string_view text);

}  // namespace fake
