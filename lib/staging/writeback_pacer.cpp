#include "staging/writeback_pacer.hpp"

#include <fcntl.h>

namespace msync::staging {

void WritebackPacer::wrote(int fd, std::uint64_t end) {
  if (end < queued_ + stride_) return;
  (void)::sync_file_range(fd, static_cast<off_t>(queued_), static_cast<off_t>(end - queued_),
                          SYNC_FILE_RANGE_WRITE);
  queued_ = end;
}

}  // namespace msync::staging
