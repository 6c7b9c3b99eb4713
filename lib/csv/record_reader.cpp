#include "csv/record_reader.hpp"

#include <fmt/format.h>

namespace msync::csv {
namespace {

constexpr std::size_t kChunk = 64 * 1024;

std::string describe(int c) {
  if (c == '\r') return "CR";
  if (c == '\t') return "TAB";
  if (c == ' ') return "space";
  if (c >= 0x20 && c < 0x7f) return fmt::format("'{}'", static_cast<char>(c));
  return fmt::format("byte 0x{:02x}", c);
}

}  // namespace

RecordReader::RecordReader(std::string_view text, char delimiter)
    : window_(text), delimiter_(delimiter) {}

RecordReader::RecordReader(std::istream& input, char delimiter)
    : input_(&input), delimiter_(delimiter) {}

bool RecordReader::refill() {
  if (!input_) return false;
  buffer_.resize(kChunk);
  input_->read(buffer_.data(), static_cast<std::streamsize>(buffer_.size()));
  buffer_.resize(static_cast<std::size_t>(input_->gcount()));
  window_ = buffer_;
  pos_ = 0;
  return !buffer_.empty();
}

int RecordReader::peek() {
  if (pos_ == window_.size() && !refill()) return kEnd;
  return static_cast<unsigned char>(window_[pos_]);
}

int RecordReader::get() {
  const int c = peek();
  if (c == kEnd) return c;
  ++pos_;
  if (c == '\n') {
    ++line_;
    column_ = 1;
  } else {
    ++column_;
  }
  return c;
}

core::Error RecordReader::malformed(std::string_view what, std::uint64_t line,
                                    std::uint64_t column) {
  failed_ = true;
  return core::make_error(fmt::format("{}:{}: {}", line, column, what), core::ErrorKind::permanent);
}

core::Result<bool> RecordReader::next(Record& record) {
  if (failed_) return core::make_error("the reader already failed", core::ErrorKind::permanent);
  record.fields.clear();
  if (peek() == kEnd) return false;
  record.line = line_;
  for (;;) {
    Field& field = record.fields.emplace_back();
    field.line = line_;
    field.column = column_;
    auto more = peek() == '"' ? read_quoted(field) : read_unquoted(field);
    if (!more) return more.error();
    if (!*more) return true;
  }
}

// After the field: true when another field follows, false at the end of the record.
core::Result<bool> RecordReader::read_unquoted(Field& field) {
  for (;;) {
    const std::uint64_t line = line_, column = column_;
    const int c = get();
    if (c == kEnd || c == '\n') return false;
    if (c == delimiter_) return true;
    if (c == '\r') {
      if (peek() == '\n') {
        get();
        return false;
      }
      return malformed("CR in an unquoted field (fields holding CR must be quoted)", line, column);
    }
    if (c == '"')
      return malformed("quote in an unquoted field (such fields must be quoted, the quote doubled)",
                       line, column);
    field.value.push_back(static_cast<char>(c));
  }
}

core::Result<bool> RecordReader::read_quoted(Field& field) {
  field.quoted = true;
  get();  // the opening quote
  for (;;) {
    const int c = get();
    if (c == kEnd)
      return malformed("quoted field is not closed before the end of the input", field.line,
                       field.column);
    if (c != '"') {
      field.value.push_back(static_cast<char>(c));
      continue;
    }
    if (peek() != '"') break;
    get();
    field.value.push_back('"');
  }
  const std::uint64_t line = line_, column = column_;
  const int c = get();
  if (c == kEnd || c == '\n') return false;
  if (c == delimiter_) return true;
  if (c == '\r' && peek() == '\n') {
    get();
    return false;
  }
  return malformed(fmt::format("{} after a closing quote (expected a delimiter or a line end)",
                               describe(c)),
                   line, column);
}

}  // namespace msync::csv
