#pragma once
// A fast first look at a delimited file, fed in chunks: counts its records and checks that each is
// well formed and as wide as the first, as RecordReader would read them, without building a
// single field. Validating a large import file with RecordReader costs most of its time in
// per-field work; almost every file is valid, and for a valid file this says so at several times
// the speed (sixteen bytes at a time with SSE2 outside quotes).
//
// It only ever answers "valid" or "in doubt". On the first doubt (a malformed byte, a record of
// another width, an empty line, a record longer than allowed, a quote still open at the end) it
// stops looking, and the caller reads the file again with RecordReader, which names the problem
// with its line and column. Its rules are RecordReader's exactly, so that "valid" here means
// RecordReader reads every record cleanly; tests/unit/csv compare the two on random input.
#include <cstddef>
#include <cstdint>
#include <string_view>

namespace msync::csv {

// Told where each record ends (the offset just past its line break, or the end of the input for a
// last record without one), in order, the first record's included. Ends reported before a doubt
// are only as good as the check: a caller keeps them only for input it vouched for.
class RecordEndObserver {
 public:
  virtual ~RecordEndObserver() = default;
  virtual void record_ended(std::uint64_t end) = 0;
};

class ShapeCheck {
 public:
  // `observer`, when given, must outlive the check.
  ShapeCheck(char delimiter, std::uint64_t max_record_bytes, RecordEndObserver* observer = nullptr);

  void feed(std::string_view chunk);
  // The end of the input: a last record without a line break ends here.
  void finish();

  bool in_doubt() const { return doubt_; }
  // Complete records so far, the first (the header) included.
  std::uint64_t records() const { return records_; }
  // Fields of the first record; 0 until it has ended.
  std::size_t width() const { return width_; }
  // Bytes up to and including the first record's line break; 0 until it has ended.
  std::uint64_t first_record_bytes() const { return first_record_bytes_; }

 private:
  enum class State : std::uint8_t { field_start, unquoted, quoted, quote_in_quoted, after_cr };

  // Sixteen bytes with no quote, outside quotes: only delimiters and line ends need a look.
  void scan_block(const char* block, unsigned structural, std::uint64_t at);
  void step(char c, std::uint64_t at);
  void content();
  bool ends_field(char c, std::uint64_t at);
  void end_record(std::uint64_t end);

  char delimiter_;
  std::uint64_t max_record_bytes_;
  RecordEndObserver* observer_;
  State state_ = State::field_start;
  std::uint64_t offset_ = 0;  // bytes fed so far
  std::uint64_t record_start_ = 0;
  std::size_t fields_ = 0;  // fields ended in the current record
  std::size_t width_ = 0;
  std::uint64_t records_ = 0;
  std::uint64_t first_record_bytes_ = 0;
  bool doubt_ = false;
};

}  // namespace msync::csv
