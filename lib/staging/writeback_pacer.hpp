#pragma once
// Starts the disk writing a growing file's pages while the file is still being written, so that
// the fsync before publication finds little left to do: on a 1 GB download that fsync otherwise
// waited ~0.8 s for the whole file, after the last byte had arrived. sync_file_range with
// SYNC_FILE_RANGE_WRITE only queues writeback and never waits for it; it makes nothing durable
// (the fsync still does that), so its errors are ignored here and surface at the fsync.
#include <cstdint>

namespace msync::staging {

class WritebackPacer {
 public:
  static constexpr std::uint64_t kStride = 8 << 20;  // few calls, a little dirty memory

  // stride: how much may be written before writeback is queued; smaller files want less.
  explicit WritebackPacer(std::uint64_t stride = kStride) : stride_(stride) {}

  // The file behind fd now ends at end: queues [queued, end) once it is at least a stride long.
  void wrote(int fd, std::uint64_t end);
  // The file was truncated or reopened at `end`: nothing of what follows is queued yet.
  void restart_at(std::uint64_t end) { queued_ = end; }

 private:
  std::uint64_t stride_;
  std::uint64_t queued_ = 0;  // [0, queued_) has been handed to writeback
};

}  // namespace msync::staging
