#include "imports/text_checker.hpp"

#include <cstring>

#include <fmt/format.h>

namespace msync::imports {
namespace {

constexpr unsigned char kBom[] = {0xef, 0xbb, 0xbf};

bool is_control(unsigned char byte) {
  return (byte < 0x20 && byte != '\t' && byte != '\n' && byte != '\r') || byte == 0x7f;
}

// Printable ASCII and TAB, outside a multi-byte character, change nothing but the column.
bool plain(unsigned char byte) { return (byte >= 0x20 && byte < 0x7f) || byte == '\t'; }

// Eight bytes at once, all printable ASCII (0x20..0x7e): no high bit, none below 0x20, no DEL.
// The usual "has a byte less than n" and "has a zero byte" word tricks; a word that fails goes
// byte by byte, so a false "no" costs only speed.
bool all_printable(std::uint64_t word) {
  constexpr std::uint64_t ones = 0x0101010101010101, highs = 0x8080808080808080;
  const std::uint64_t below_space = (word - ones * 0x20) & ~word & highs;
  const std::uint64_t del = word ^ (ones * 0x7f);
  const std::uint64_t has_del = (del - ones) & ~del & highs;
  return ((word & highs) | below_space | has_del) == 0;
}

}  // namespace

void TextChecker::feed(std::string_view chunk) {
  const auto* p = reinterpret_cast<const unsigned char*>(chunk.data());
  const auto* const end = p + chunk.size();
  while (p != end && !problem_) {
    // Fast path over runs of plain bytes (almost all of a file): check() one byte at a time was
    // a third of the import path's CPU (bench/README.md).
    if (pending_ == 0 && bom_matched_ < 0) {
      p = skip_plain(p, end);
      if (p == end) break;
    }
    check(*p++);
  }
}

// Line ends are common enough (one a record) to be taken here too, not through check().
const unsigned char* TextChecker::skip_plain(const unsigned char* p, const unsigned char* end) {
  for (;;) {
    std::uint64_t word;
    while (end - p >= 8 && (std::memcpy(&word, p, 8), all_printable(word))) {
      p += 8;
      column_ += 8;
    }
    if (p == end) return p;
    if (plain(*p) || *p == '\r') {
      ++column_;
    } else if (*p == '\n') {
      ++line_;
      column_ = 1;
    } else {
      return p;
    }
    ++p;
  }
}

void TextChecker::finish() {
  if (!problem_ && pending_ > 0) fail_sequence();
}

void TextChecker::fail(std::string what, std::uint64_t line, std::uint64_t column) {
  problem_ = Rejection{std::move(what), line, column};
}

void TextChecker::fail_sequence() {
  fail(fmt::format("invalid UTF-8: byte 0x{:02x} does not start a well-formed character (save the "
                   "file as UTF-8; Latin-1 and Windows-1252 are not accepted)",
                   lead_),
       lead_line_, lead_column_);
}

void TextChecker::check(unsigned char byte) {
  // A BOM is refused rather than skipped. Marketo does not document whether it strips one, and
  // if not, the first field's name is "\xEF\xBB\xBFemail", not "email". Skipping it here would
  // not help: a file under 10 MB is uploaded as it is, BOM and all.
  if (bom_matched_ >= 0) {
    if (byte != kBom[bom_matched_])
      bom_matched_ = -1;
    else if (++bom_matched_ == static_cast<int>(sizeof kBom))
      return fail("the file starts with a UTF-8 byte order mark (BOM); save it as UTF-8 without a "
                  "BOM",
                  1, 1);
  }

  if (pending_ > 0) {
    if (byte < low_ || byte > high_) return fail_sequence();
    --pending_;
    low_ = 0x80;
    high_ = 0xbf;
  } else if (byte == 0) {
    return fail("binary data: a NUL byte (0x00)", line_, column_);
  } else if (is_control(byte)) {
    return fail(fmt::format("binary data: control byte 0x{:02x}", byte), line_, column_);
  } else if (byte >= 0x80) {
    lead_ = byte;
    lead_line_ = line_;
    lead_column_ = column_;
    // Unicode's table of well-formed sequences: the lead byte fixes the length and the range of
    // the second byte (E0 and F0 exclude overlong forms, ED surrogates, F4 beyond U+10FFFF).
    if (byte >= 0xc2 && byte <= 0xdf) {
      pending_ = 1;
    } else if (byte >= 0xe0 && byte <= 0xef) {
      pending_ = 2;
      if (byte == 0xe0) low_ = 0xa0;
      if (byte == 0xed) high_ = 0x9f;
    } else if (byte >= 0xf0 && byte <= 0xf4) {
      pending_ = 3;
      if (byte == 0xf0) low_ = 0x90;
      if (byte == 0xf4) high_ = 0x8f;
    } else {
      return fail_sequence();
    }
  }
  if (byte == '\n') {
    ++line_;
    column_ = 1;
  } else {
    ++column_;
  }
}

}  // namespace msync::imports
