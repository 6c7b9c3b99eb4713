#pragma once
// Reads a delimited file record by record, with the 1-based line and column of every field, for
// validating files before they are uploaded. Malformed input is an error naming line:col:
// a quote inside an unquoted field, a bare CR in an unquoted field, anything but a delimiter or a
// line end after a closing quote, a quoted field still open at the end of the input.
#include <array>
#include <cstdint>
#include <istream>
#include <string>
#include <string_view>
#include <vector>

#include "core/core.hpp"

namespace msync::csv {

struct Field {
  std::string value;  // unquoted: "" -> ", the surrounding quotes removed
  bool quoted = false;
  std::uint64_t line = 0;    // where the field starts (its opening quote, if quoted)
  std::uint64_t column = 0;  // in bytes, 1-based

  // Marketo's empty value; a quoted "null" is the text null.
  bool is_null() const { return !quoted && value == "null"; }
};

struct Record {
  std::vector<Field> fields;
  std::uint64_t line = 0;  // where the record starts
};

class RecordReader {
 public:
  // Reads from memory; the text must outlive the reader.
  RecordReader(std::string_view text, char delimiter);
  // Reads from a stream in chunks, so a large file never sits in memory whole.
  RecordReader(std::istream& input, char delimiter);

  // true: `record` holds the next record; false: the input is exhausted. An empty line is a
  // record of one empty field. After an error the reader stays failed.
  core::Result<bool> next(Record& record);

  std::uint64_t line() const { return line_; }

 private:
  static constexpr int kEnd = -1;

  int peek();
  int get();
  bool refill();
  // Appends to the field the bytes from here up to the next one that needs a look (see
  // ends_run_), or to the end of the window, and moves past them: one bulk step over what
  // get() would have taken one at a time.
  void take_unquoted_run(Field& field);
  // The same inside quotes, up to the next quote; the run may span line breaks.
  void take_quoted_run(Field& field);
  core::Error malformed(std::string_view what, std::uint64_t line, std::uint64_t column);
  core::Result<bool> read_quoted(Field& field);
  core::Result<bool> read_unquoted(Field& field);

  std::istream* input_ = nullptr;
  std::string buffer_;
  std::string_view window_;
  std::size_t pos_ = 0;
  char delimiter_;
  std::array<bool, 256> ends_run_{};  // delimiter, quote, CR, LF: where an unquoted run stops
  std::uint64_t line_ = 1;
  std::uint64_t column_ = 1;
  bool failed_ = false;
};

}  // namespace msync::csv
