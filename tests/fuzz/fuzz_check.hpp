#pragma once
// What every fuzz target checks besides "no crash, no leak, no UB": its invariants, with require()
// turning a broken one into a crash libFuzzer reports and keeps the input of.
#include <cstdlib>
#include <string_view>

namespace msync::fuzz {

inline void require(bool condition) {
  if (!condition) std::abort();
}

// A message meant for a log line or a .reason file: not empty, no control bytes but tab.
inline bool is_log_safe(std::string_view text) {
  if (text.empty()) return false;
  for (unsigned char c : text)
    if ((c < 0x20 && c != '\t') || c == 0x7f) return false;
  return true;
}

}  // namespace msync::fuzz
