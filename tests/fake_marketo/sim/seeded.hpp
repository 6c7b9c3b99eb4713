#pragma once
// What the seeded databases (leads, activities, program members, custom objects) share: one
// independent 64-bit draw from a key, and digits appended without going through a stream.
#include <charconv>
#include <cstdint>
#include <string>

namespace fake {

inline std::uint64_t mix(std::uint64_t x) {  // splitmix64's finalizer
  x += 0x9e3779b97f4a7c15ULL;
  x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
  x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
  return x ^ (x >> 31);
}

inline void append_uint(std::uint64_t v, std::string& out) {
  char buf[24];
  const auto r = std::to_chars(buf, buf + sizeof buf, v);
  out.append(buf, r.ptr);
}

}  // namespace fake
