#pragma once
// Reading back a compressed .part after a crash: which leading part of it is complete frames, and
// what raw bytes they hold. Internal to lib/staging.
#include <cstdint>
#include <filesystem>
#include <functional>
#include <string_view>

#include "core/core.hpp"
#include "staging/compression.hpp"

namespace msync::staging::detail {

// Larger than any frame we write (a few MB plus one write), small enough to hold in memory.
inline constexpr std::uint64_t kMaxFrameRawBytes = 64ull << 20;

struct FrameScan {
  std::uint64_t stored_end = 0;  // where the last complete frame ends: the file is cut here
  std::uint64_t raw_bytes = 0;   // raw bytes in the complete frames
  std::uint64_t frames = 0;
  bool torn_tail = false;        // bytes after stored_end that do not make a whole frame
  std::string damage;            // why those bytes do not decode, when they are not just cut short
};

// Decodes the first `size` bytes of the file behind fd frame by frame, handing each complete
// frame's raw bytes to on_frame. Whatever follows the last complete frame is a tail to cut: an
// incomplete frame (a crash mid-write), zeros (a crash after the size grew but before the data
// reached the disk), or bytes that do not decode (`damage` names the codec's reason and the
// offset). Each complete frame carries its own checksum (gzip CRC-32, zstd content checksum) and
// the whole raw content is checked against Marketo's sha256 at the end, so resuming after the
// last good frame is always safe; only a failure to read the file is an error.
core::Result<FrameScan> scan_frames(int fd, const std::filesystem::path& path, std::uint64_t size,
                                    Compression compression,
                                    const std::function<void(std::string_view raw)>& on_frame);

}  // namespace msync::staging::detail
