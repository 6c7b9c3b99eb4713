#include "staging/frame_scan.hpp"

#include <algorithm>
#include <cerrno>
#include <string>
#include <vector>

#include <unistd.h>

#include <fmt/format.h>

#include "staging/file_ops.hpp"
#include "staging/frame_codec.hpp"

namespace msync::staging::detail {
namespace {

constexpr std::size_t kReadChunk = 1 << 20;

bool only_zeros(std::string_view bytes) {
  return std::all_of(bytes.begin(), bytes.end(), [](char c) { return c == 0; });
}

}  // namespace

core::Result<FrameScan> scan_frames(int fd, const std::filesystem::path& path, std::uint64_t size,
                                    Compression compression,
                                    const std::function<void(std::string_view raw)>& on_frame) {
  FrameScan scan;
  auto decoder = make_decoder(compression);
  std::vector<char> buffer(kReadChunk);
  std::string frame;  // raw bytes of the frame being decoded
  std::uint64_t offset = 0;
  while (offset < size) {
    const auto want = static_cast<std::size_t>(std::min<std::uint64_t>(size - offset, buffer.size()));
    auto got = read_at(fd, path, offset, std::span<char>(buffer.data(), want));
    if (!got) return got.error();
    if (*got == 0) break;  // shrank under us: what is there is what counts
    std::string_view chunk(buffer.data(), *got);
    while (!chunk.empty()) {
      auto step = decoder->decode(chunk, frame);
      if (!step) {
        scan.torn_tail = true;
        // Zeros after the last frame are a crash, not damage (this only changes what is logged).
        if (!only_zeros(std::string_view(chunk)))
          scan.damage = fmt::format("{} in the frame at byte {}", step.error().message, scan.stored_end);
        return scan;
      }
      if (step->consumed == 0 && !step->frame_ended) {
        scan.torn_tail = true;
        scan.damage = fmt::format("the decoder made no progress in the frame at byte {}", scan.stored_end);
        return scan;
      }
      offset += step->consumed;
      chunk.remove_prefix(step->consumed);
      if (frame.size() > kMaxFrameRawBytes) {
        scan.torn_tail = true;
        scan.damage = fmt::format("the frame at byte {} holds more than {} bytes: not a frame this program wrote",
                                  scan.stored_end, kMaxFrameRawBytes);
        return scan;
      }
      if (!step->frame_ended) continue;
      on_frame(frame);
      scan.raw_bytes += frame.size();
      scan.stored_end = offset;
      ++scan.frames;
      frame.clear();
    }
  }
  scan.torn_tail = scan.stored_end < size;
  return scan;
}

}  // namespace msync::staging::detail
