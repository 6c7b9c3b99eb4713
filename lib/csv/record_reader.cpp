#include "csv/record_reader.hpp"

#include <algorithm>

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

std::array<bool, 256> run_ends(char delimiter) {
  std::array<bool, 256> ends{};
  for (const char c : {delimiter, '"', '\r', '\n'}) ends[static_cast<unsigned char>(c)] = true;
  return ends;
}

}  // namespace

RecordReader::RecordReader(std::string_view text, char delimiter)
    : window_(text), delimiter_(delimiter), ends_run_(run_ends(delimiter)) {}

RecordReader::RecordReader(std::istream& input, char delimiter)
    : input_(&input), delimiter_(delimiter), ends_run_(run_ends(delimiter)) {}

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

// The bulk steps below only ever stop where get() would have looked at a byte for more than
// appending it, so the field, line_ and column_ come out exactly as byte by byte; refills still
// happen only when the window is used up, so a stream is read in the same chunks as before.
void RecordReader::take_unquoted_run(Field& field) {
  const char* const begin = window_.data() + pos_;
  const char* const end = window_.data() + window_.size();
  const char* stop = begin;
  while (stop != end && !ends_run_[static_cast<unsigned char>(*stop)]) ++stop;
  const auto length = static_cast<std::size_t>(stop - begin);
  field.value.append(begin, length);
  pos_ += length;
  column_ += length;  // no LF in the run
}

void RecordReader::take_quoted_run(Field& field) {
  const std::string_view rest = window_.substr(pos_);
  const std::string_view run = rest.substr(0, std::min(rest.find('"'), rest.size()));
  field.value.append(run);
  pos_ += run.size();
  const auto last_newline = run.rfind('\n');
  if (last_newline == std::string_view::npos) {
    column_ += run.size();
  } else {
    line_ += static_cast<std::uint64_t>(std::count(run.begin(), run.end(), '\n'));
    column_ = run.size() - last_newline;  // 1 + the bytes after the last LF
  }
}

core::Error RecordReader::malformed(std::string_view what, std::uint64_t line,
                                    std::uint64_t column) {
  failed_ = true;
  return core::make_error(fmt::format("{}:{}: {}", line, column, what), core::ErrorKind::permanent);
}

core::Result<bool> RecordReader::next(Record& record) {
  if (failed_) return core::make_error("the reader already failed", core::ErrorKind::permanent);
  if (peek() == kEnd) {
    record.fields.clear();
    return false;
  }
  record.line = line_;
  // The previous record's fields are reused, so their strings keep what they allocated.
  std::size_t used = 0;
  for (;;) {
    if (used == record.fields.size()) record.fields.emplace_back();
    Field& field = record.fields[used++];
    field.value.clear();
    field.quoted = false;
    field.line = line_;
    field.column = column_;
    auto more = peek() == '"' ? read_quoted(field) : read_unquoted(field);
    if (!more || !*more) {
      record.fields.resize(used);
      if (!more) return more.error();
      return true;
    }
  }
}

// After the field: true when another field follows, false at the end of the record.
core::Result<bool> RecordReader::read_unquoted(Field& field) {
  for (;;) {
    take_unquoted_run(field);
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
    take_quoted_run(field);
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
