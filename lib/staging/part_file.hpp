#pragma once
// The download sink: a .part file that hashes and counts the raw bytes it is given as it grows,
// stores them as they are or compressed, and can be reopened after a crash or a cut connection to
// resume where the raw bytes it holds end.
#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <span>
#include <string>

#include "core/core.hpp"
#include "csv/csv.hpp"
#include "http/http.hpp"
#include "staging/background_sha256.hpp"
#include "staging/compression.hpp"
#include "staging/writeback_pacer.hpp"

namespace msync::staging {

namespace detail {
class FrameEncoder;
}

// What Marketo announced for a finished export; absent values are not checked.
struct ExpectedContent {
  std::optional<std::uint64_t> bytes;    // fileSize
  std::optional<std::string> sha256;     // fileChecksum, "sha256:<hex>"
  std::optional<std::uint64_t> records;  // numberOfRecords: data rows, header excluded
};

struct PartOptions {
  bool has_header = true;  // the first record is the header row
  Compression compression = Compression::none;
  // Compressed: a frame (gzip member, zstd frame) is completed after this many raw bytes, so a
  // crash loses at most this much of the download. Tests make it small.
  std::uint64_t frame_raw_bytes = 4ull << 20;
};

class PartFile final : public http::BodySink {
 public:
  // Creates the file (mode 0640) or reopens it to resume: the bytes already there are re-hashed
  // and re-counted, so that after more writes sha256() and records() cover the whole file.
  // Compressed, only complete frames are kept (a torn last frame is cut off and its raw bytes are
  // fetched again); a file that does not decode is refused with an error naming it and the offset.
  // The directory must exist.
  static core::Result<std::unique_ptr<PartFile>> open(std::filesystem::path path, PartOptions options = {});
  // Compressed: completes the open frame, so that a cut connection loses nothing.
  ~PartFile() override;

  // Appends raw bytes. Uncompressed, on a failed or short write what did reach the file is still
  // hashed and counted, so raw_bytes() stays the true resume offset. Compressed, a failed write
  // leaves the PartFile refusing further writes: reopen it to resume from its complete frames.
  core::Status write(std::span<const char> bytes) override;

  // Refuses any write that would grow the raw content past `bytes` (Marketo's fileSize), so that
  // an answer longer than announced never fills the disk; overflowed() then says so.
  void limit_to(std::uint64_t bytes) { limit_ = bytes; }
  bool overflowed() const { return overflowed_; }

  // Truncates to zero and starts over: for a download that cannot be resumed.
  core::Status restart();

  // Completes the open frame (compressed) and fsyncs: the file on disk is then a whole stream.
  core::Status sync();

  // Checks the raw content's size, checksum and record count; the error lists every mismatch.
  core::Status verify(const ExpectedContent& expected) const;

  // The raw bytes received: the Range offset to resume from.
  std::uint64_t raw_bytes() const { return counter_.bytes(); }
  // The file's size on disk (equal to raw_bytes() when uncompressed).
  std::uint64_t stored_bytes() const { return stored_; }
  std::uint64_t records() const { return counter_.data_records(); }
  bool at_record_boundary() const { return counter_.at_record_boundary(); }
  std::string sha256() const;  // "sha256:<lowercase hex>" of every raw byte so far
  Compression compression() const { return options_.compression; }
  const std::filesystem::path& path() const { return path_; }

 private:
  PartFile(std::filesystem::path path, int fd, PartOptions options);
  core::Status rehash_existing(std::uint64_t size);
  core::Status recover_frames(std::uint64_t size);
  core::Status append_stored(std::string_view bytes, std::uint64_t& written);
  core::Status end_frame();
  void absorb(std::string_view bytes);

  std::filesystem::path path_;
  int fd_;
  PartOptions options_;
  std::unique_ptr<detail::FrameEncoder> encoder_;  // null when uncompressed
  csv::RecordCounter counter_;
  BackgroundSha256 digest_;  // on a thread of its own, beside the socket reads
  WritebackPacer writeback_;
  std::uint64_t stored_ = 0;
  std::uint64_t frame_raw_ = 0;  // raw bytes in the open frame
  std::string out_;              // compressed output on its way to the file
  std::optional<std::uint64_t> limit_;
  bool overflowed_ = false;
  bool broken_ = false;  // compressed output failed part way: the file's tail is not trusted
};

}  // namespace msync::staging
