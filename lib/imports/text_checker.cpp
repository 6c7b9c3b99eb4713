#include "imports/text_checker.hpp"

#include <emmintrin.h>

#include <fmt/format.h>

#include "core/core.hpp"

namespace msync::imports {
namespace {

constexpr unsigned char kBom[] = {0xef, 0xbb, 0xbf};

bool is_control(unsigned char byte) {
  return (byte < 0x20 && byte != '\t' && byte != '\n' && byte != '\r') || byte == 0x7f;
}

// Printable ASCII and TAB, outside a multi-byte character, change nothing but the column.
bool plain(unsigned char byte) { return (byte >= 0x20 && byte < 0x7f) || byte == '\t'; }

// Of sixteen bytes, those that skip_plain() cannot pass: a high bit (UTF-8 beyond ASCII), a
// control byte other than TAB, LF and CR, or DEL. SSE2's compare is signed, so high-bit bytes
// also count as "below space"; they are out either way.
unsigned not_plain(__m128i bytes) {
  const __m128i below_space = _mm_cmplt_epi8(bytes, _mm_set1_epi8(0x20));
  const __m128i line_or_tab = _mm_or_si128(
      _mm_or_si128(_mm_cmpeq_epi8(bytes, _mm_set1_epi8('\t')), _mm_cmpeq_epi8(bytes, _mm_set1_epi8('\n'))),
      _mm_cmpeq_epi8(bytes, _mm_set1_epi8('\r')));
  const __m128i del = _mm_cmpeq_epi8(bytes, _mm_set1_epi8(0x7f));
  return static_cast<unsigned>(_mm_movemask_epi8(_mm_or_si128(_mm_andnot_si128(line_or_tab, below_space), del)));
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

// Line ends are common enough (one a record) to be taken here too, not through check(). Sixteen
// bytes at a time with SSE2: only the line feeds among them change more than the column.
const unsigned char* TextChecker::skip_plain(const unsigned char* p, const unsigned char* end) {
  while (end - p >= 16) {
    const __m128i bytes = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p));
    const unsigned stop = not_plain(bytes);
    const unsigned passed = stop == 0 ? 16u : static_cast<unsigned>(__builtin_ctz(stop));
    pass(static_cast<unsigned>(_mm_movemask_epi8(_mm_cmpeq_epi8(bytes, _mm_set1_epi8('\n')))) &
             ((1u << passed) - 1),
         passed);
    p += passed;
    if (stop != 0) return p;
  }
  for (; p != end; ++p) {
    if (plain(*p) || *p == '\r') {
      ++column_;
    } else if (*p == '\n') {
      ++line_;
      column_ = 1;
    } else {
      return p;
    }
  }
  return p;
}

// `count` plain bytes and line ends have been passed; bit i of `line_feeds` is set for an LF at i.
void TextChecker::pass(unsigned line_feeds, unsigned count) {
  if (line_feeds == 0) {
    column_ += count;
    return;
  }
  line_ += core::count_bits16(line_feeds);
  const unsigned last = 31u - static_cast<unsigned>(__builtin_clz(line_feeds));
  column_ = count - last;  // 1 + the bytes after the last LF
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
