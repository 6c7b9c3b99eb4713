#include "csv/shape_check.hpp"

#include <cstring>

#include <emmintrin.h>

#include "core/core.hpp"

namespace msync::csv {
namespace {

constexpr std::size_t kBlock = 16;

unsigned mask_of(__m128i bytes, char c) {
  return static_cast<unsigned>(_mm_movemask_epi8(_mm_cmpeq_epi8(bytes, _mm_set1_epi8(c))));
}

}  // namespace

ShapeCheck::ShapeCheck(char delimiter, std::uint64_t max_record_bytes, RecordEndObserver* observer)
    : delimiter_(delimiter), max_record_bytes_(max_record_bytes), observer_(observer) {}

void ShapeCheck::feed(std::string_view chunk) {
  const char* p = chunk.data();
  const char* const end = p + chunk.size();
  const std::uint64_t base = offset_;
  const auto at = [&](const char* q) { return base + static_cast<std::uint64_t>(q - chunk.data()); };
  while (p != end && !doubt_) {
    if (state_ == State::quoted) {
      // Inside quotes only the next quote matters; line breaks are part of the field.
      const void* quote = std::memchr(p, '"', static_cast<std::size_t>(end - p));
      if (!quote) break;
      p = static_cast<const char*>(quote);
      state_ = State::quote_in_quoted;
      ++p;
      continue;
    }
    if ((state_ == State::field_start || state_ == State::unquoted) && end - p >= static_cast<std::ptrdiff_t>(kBlock)) {
      const __m128i bytes = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p));
      if (mask_of(bytes, '"') == 0) {
        const unsigned delimiters = mask_of(bytes, delimiter_);
        const unsigned line_ends = mask_of(bytes, '\n') | mask_of(bytes, '\r');
        if (line_ends == 0) {
          // Mid-record, the usual block: each delimiter ends a field, and the last byte says
          // whether the next one starts a field or continues one.
          fields_ += core::count_bits16(delimiters);
          state_ = delimiters >> (kBlock - 1) ? State::field_start : State::unquoted;
        } else {
          scan_block(p, delimiters | line_ends, at(p));
        }
        p += kBlock;
        continue;
      }
    }
    step(*p, at(p));
    ++p;
  }
  offset_ = base + chunk.size();
}

void ShapeCheck::scan_block(const char* block, unsigned structural, std::uint64_t at) {
  int previous = -1;
  while (structural != 0 && !doubt_) {
    const int i = __builtin_ctz(structural);
    structural &= structural - 1;
    if (i > previous + 1) content();
    step(block[i], at + static_cast<std::uint64_t>(i));
    previous = i;
  }
  if (previous < static_cast<int>(kBlock) - 1 && !doubt_) content();
}

// Bytes that are neither a delimiter, a quote nor a line end.
void ShapeCheck::content() {
  if (state_ == State::after_cr || state_ == State::quote_in_quoted)
    doubt_ = true;  // a bare CR, or text after a closing quote
  else if (state_ == State::field_start)
    state_ = State::unquoted;
}

// The byte at offset `at`, by RecordReader's rules.
void ShapeCheck::step(char c, std::uint64_t at) {
  switch (state_) {
    case State::field_start:
      if (c == '"') {
        state_ = State::quoted;
        return;
      }
      // A record that is one empty unquoted field is an empty line.
      if ((c == '\n' || c == '\r') && fields_ == 0) {
        doubt_ = true;
        return;
      }
      [[fallthrough]];
    case State::unquoted:
      if (ends_field(c, at)) return;
      if (c == '"')
        doubt_ = true;  // a quote inside an unquoted field
      else
        state_ = State::unquoted;
      return;
    case State::quoted:
      if (c == '"') state_ = State::quote_in_quoted;
      return;
    case State::quote_in_quoted:
      if (c == '"')
        state_ = State::quoted;  // a doubled quote
      else if (!ends_field(c, at))
        doubt_ = true;  // text after a closing quote
      return;
    case State::after_cr:
      if (c == '\n')
        end_record(at + 1);
      else
        doubt_ = true;
      return;
  }
}

// A delimiter, LF or CR at `at` ends the field (and an LF the record); false for any other byte.
bool ShapeCheck::ends_field(char c, std::uint64_t at) {
  if (c != delimiter_ && c != '\n' && c != '\r') return false;
  ++fields_;
  if (c == delimiter_)
    state_ = State::field_start;
  else if (c == '\n')
    end_record(at + 1);
  else
    state_ = State::after_cr;
  return true;
}

void ShapeCheck::end_record(std::uint64_t end) {
  if (records_ == 0) {
    width_ = fields_;
    first_record_bytes_ = end;
  } else if (fields_ != width_) {
    doubt_ = true;
  }
  if (end - record_start_ > max_record_bytes_) doubt_ = true;
  if (observer_ && !doubt_) observer_->record_ended(end);
  ++records_;
  fields_ = 0;
  record_start_ = end;
  state_ = State::field_start;
}

void ShapeCheck::finish() {
  if (doubt_) return;
  switch (state_) {
    case State::field_start:
      if (fields_ == 0) return;  // nothing after the last line break
      [[fallthrough]];
    case State::unquoted:
    case State::quote_in_quoted:
      ++fields_;
      end_record(offset_);
      return;
    case State::quoted:     // a quote still open
    case State::after_cr:   // a CR not followed by LF
      doubt_ = true;
      return;
  }
}

}  // namespace msync::csv
