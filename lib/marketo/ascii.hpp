#pragma once
// ASCII case folding for the names Marketo spells loosely (statuses, formats, error messages).
#include <algorithm>
#include <cctype>
#include <string_view>

namespace msync::marketo {

inline char fold_ascii(char c) {
  return static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
}

inline bool equal_ignoring_case(std::string_view a, std::string_view b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           return fold_ascii(x) == fold_ascii(y);
         });
}

inline bool contains_ignoring_case(std::string_view text, std::string_view part) {
  const auto hit = std::search(text.begin(), text.end(), part.begin(), part.end(),
                               [](char x, char y) { return fold_ascii(x) == fold_ascii(y); });
  return hit != text.end();
}

}  // namespace msync::marketo
