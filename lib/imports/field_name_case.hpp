#pragma once
// Field names compare ignoring ASCII case, as Marketo matches a header to its REST API names.
// Private to lib/imports.
#include <algorithm>
#include <string>
#include <string_view>

namespace msync::imports {

inline char fold_ascii(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; }

inline std::string folded_name(std::string_view name) {
  std::string out(name);
  std::transform(out.begin(), out.end(), out.begin(), fold_ascii);
  return out;
}

inline bool is_email_name(std::string_view name) { return folded_name(name) == "email"; }

}  // namespace msync::imports
