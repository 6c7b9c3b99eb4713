#pragma once
// The validator's byte-level check, fed the file chunk by chunk: the first byte that makes it not
// UTF-8 text, with its 1-based line and byte column. NUL and other control bytes (all below 0x20
// except TAB, LF and CR, and DEL) are "binary data"; malformed UTF-8 (a stray continuation byte,
// an overlong form, a surrogate, a code point above U+10FFFF, a character cut short) is reported
// at the byte that starts the bad sequence, which is where a Latin-1 "é" stands.
// A UTF-8 byte order mark at the very start is refused as well (see the .cpp for why).
// Private to lib/imports.
#include <cstdint>
#include <optional>
#include <string_view>

#include "imports/file_validator.hpp"

namespace msync::imports {

class TextChecker {
 public:
  void feed(std::string_view chunk);
  // The end of the file: a character still open there is cut short.
  void finish();

  // The first problem, once found; later bytes are not looked at.
  const std::optional<Rejection>& problem() const { return problem_; }

 private:
  // Past the plain bytes and line ends from p: where check() has to look.
  const unsigned char* skip_plain(const unsigned char* p, const unsigned char* end);
  void pass(unsigned line_feeds, unsigned count);
  void check(unsigned char byte);
  void fail(std::string what, std::uint64_t line, std::uint64_t column);
  void fail_sequence();

  std::optional<Rejection> problem_;
  int bom_matched_ = 0;  // leading bytes that match a BOM so far; -1 once the start is not one
  std::uint64_t line_ = 1;
  std::uint64_t column_ = 1;
  // The multi-byte character being read: bytes still due, the range its next byte must be in,
  // and where it started.
  int pending_ = 0;
  unsigned char low_ = 0x80;
  unsigned char high_ = 0xbf;
  unsigned char lead_ = 0;
  std::uint64_t lead_line_ = 0;
  std::uint64_t lead_column_ = 0;
};

}  // namespace msync::imports
