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
};

// Decodes the first `size` bytes of the file behind fd frame by frame, handing each complete
// frame's raw bytes to on_frame. An incomplete last frame is a torn tail (a crash mid-write), and
// so is a tail of zero bytes (a crash after the size grew but before the data reached the disk);
// anything else that does not decode is an error naming the file, the codec's reason and the
// offset of the frame, and on_frame has then seen only the frames before it.
core::Result<FrameScan> scan_frames(int fd, const std::filesystem::path& path, std::uint64_t size,
                                    Compression compression,
                                    const std::function<void(std::string_view raw)>& on_frame);

}  // namespace msync::staging::detail
