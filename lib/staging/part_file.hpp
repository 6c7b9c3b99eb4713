#pragma once
// The download sink: a .part file that hashes and counts what it holds as it grows, and that can
// be reopened after a crash or a cut connection to resume where the bytes on disk end.
#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <span>
#include <string>

#include "core/core.hpp"
#include "csv/csv.hpp"
#include "http/http.hpp"
#include "staging/sha256.hpp"
#include "staging/writeback_pacer.hpp"

namespace msync::staging {

// What Marketo announced for a finished export; absent values are not checked.
struct ExpectedContent {
  std::optional<std::uint64_t> bytes;    // fileSize
  std::optional<std::string> sha256;     // fileChecksum, "sha256:<hex>"
  std::optional<std::uint64_t> records;  // numberOfRecords: data rows, header excluded
};

class PartFile final : public http::BodySink {
 public:
  // Creates the file (mode 0640) or reopens it to resume: the bytes already there are re-hashed
  // and re-counted, so that after more writes sha256() and records() cover the whole file.
  // The directory must exist. has_header: the first record is the header row.
  static core::Result<std::unique_ptr<PartFile>> open(std::filesystem::path path,
                                                      bool has_header = true);
  ~PartFile() override;

  // Appends. On a failed or short write, what did reach the file is still hashed and counted, so
  // bytes_on_disk() stays the true resume offset.
  core::Status write(std::span<const char> bytes) override;

  // Refuses any write that would grow the file past `bytes` (Marketo's fileSize), so that an
  // answer longer than announced never fills the disk; overflowed() then says so.
  void limit_to(std::uint64_t bytes) { limit_ = bytes; }
  bool overflowed() const { return overflowed_; }

  // Truncates to zero and starts over: for a download that cannot be resumed.
  core::Status restart();

  core::Status sync();

  // Checks size, checksum and record count; the error lists every mismatch.
  core::Status verify(const ExpectedContent& expected) const;

  // The Range offset to resume from.
  std::uint64_t bytes_on_disk() const { return counter_.bytes(); }
  std::uint64_t records() const { return counter_.data_records(); }
  bool at_record_boundary() const { return counter_.at_record_boundary(); }
  std::string sha256() const;  // "sha256:<lowercase hex>" of every byte so far
  const std::filesystem::path& path() const { return path_; }

 private:
  PartFile(std::filesystem::path path, int fd, bool has_header);
  core::Status rehash_existing(std::uint64_t size);
  void absorb(std::string_view bytes);

  std::filesystem::path path_;
  int fd_;
  csv::RecordCounter counter_;
  Sha256 digest_;
  WritebackPacer writeback_;
  std::optional<std::uint64_t> limit_;
  bool overflowed_ = false;
};

}  // namespace msync::staging
