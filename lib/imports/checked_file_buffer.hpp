#pragma once
// The validator's input: a read-only stream buffer over the file that hashes every byte and runs
// the TextChecker over it as it is read, so that csv::RecordReader, the hash and the text check
// share one pass. It also keeps one record from filling memory: a record that runs on past what
// an import file may hold (10 MB, with slack for read-ahead) is cut off by ending the stream
// early, and flagged. Private to lib/imports.
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <optional>
#include <streambuf>
#include <string>
#include <string_view>
#include <vector>

#include "core/core.hpp"
#include "imports/text_checker.hpp"
#include "staging/sha256.hpp"

namespace msync::imports {

// How much of the file's start head() keeps: the first read's worth. validate_quickly keeps the
// same, so that check_header sees the same bytes on both paths.
inline constexpr std::size_t kHeadBytes = 64 * 1024;

class CheckedFileBuffer final : public std::streambuf {
 public:
  CheckedFileBuffer() = default;
  ~CheckedFileBuffer() override;
  CheckedFileBuffer(const CheckedFileBuffer&) = delete;
  CheckedFileBuffer& operator=(const CheckedFileBuffer&) = delete;

  // The error's message is the reason: "cannot open the file: <strerror>".
  core::Status open(const std::filesystem::path& file);

  const TextChecker& text() const { return text_; }
  // Where the reader is between records: a new record starts on `line`.
  void record_starts(std::uint64_t line);
  // The line of a record cut off for being too long; the reader was then shown a false end.
  const std::optional<std::uint64_t>& overlong_record() const { return overlong_record_; }
  // Set when a read failed: "cannot read the file: <strerror>".
  const std::optional<std::string>& read_error() const { return read_error_; }
  // The file's first chunk, for a second look at the header with other delimiters.
  std::string_view head() const { return head_; }
  std::uint64_t bytes() const { return bytes_; }
  std::string sha256() const { return sha256_.hex(); }

 protected:
  int_type underflow() override;

 private:
  int fd_ = -1;
  std::vector<char> chunk_;
  std::string head_;
  staging::Sha256 sha256_;
  TextChecker text_;
  std::uint64_t bytes_ = 0;
  std::uint64_t record_start_bytes_ = 0;  // bytes handed out when the current record began
  std::uint64_t record_start_line_ = 1;
  std::optional<std::uint64_t> overlong_record_;
  std::optional<std::string> read_error_;
};

}  // namespace msync::imports
