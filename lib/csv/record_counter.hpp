#pragma once
// Counts the records of a delimited file as it streams past, chunk by chunk, so that a download
// can be checked against Marketo's numberOfRecords without a second pass. It runs on every
// downloaded byte, so it looks only at '"' and '\n' and skips everything else in bulk.
//
// Quotes toggle "inside a quoted field"; a doubled quote toggles twice with nothing in between, so
// it needs no special case. A newline inside quotes is data, not a record boundary. The counter
// does not validate (RecordReader does): malformed quoting only makes the count wrong.
#include <cstdint>
#include <string_view>

namespace msync::csv {

class RecordCounter {
 public:
  // has_header: the first record is the column header row and is not a data record.
  explicit RecordCounter(bool has_header = true) : has_header_(has_header) {}

  void feed(std::string_view chunk);

  // Records seen so far, the last one counted even when it has no final newline yet.
  std::uint64_t records() const;
  // records() without the header row.
  std::uint64_t data_records() const;
  // True when nothing was fed, or the last byte was a newline outside quotes.
  bool at_record_boundary() const;
  bool inside_quotes() const { return in_quotes_; }
  std::uint64_t bytes() const { return bytes_; }

  void reset() { *this = RecordCounter(has_header_); }

 private:
  bool has_header_;
  bool in_quotes_ = false;
  char last_byte_ = '\n';
  std::uint64_t newlines_ = 0;  // record terminators: newlines outside quotes
  std::uint64_t bytes_ = 0;
};

}  // namespace msync::csv
