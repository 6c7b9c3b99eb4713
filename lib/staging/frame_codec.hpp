#pragma once
// Compression in self-contained frames (gzip members, zstd frames). A stored file is a plain
// concatenation of frames, which gzip -dc / zstd -dc and every loader read as one stream; ending
// a frame every few MB is what lets a download resume after a crash: the complete frames on disk
// are kept and only the torn last one is fetched again. Internal to lib/staging.
#include <cstddef>
#include <memory>
#include <string>
#include <string_view>

#include "core/core.hpp"
#include "staging/compression.hpp"

namespace msync::staging::detail {

class FrameEncoder {
 public:
  virtual ~FrameEncoder() = default;
  // Compresses raw bytes into the open frame (opening one if none is), appending to `out`.
  virtual core::Status compress(std::string_view raw, std::string& out) = 0;
  // Completes the open frame, appending its tail to `out`; the next compress opens a new one.
  virtual core::Status end_frame(std::string& out) = 0;
  // Drops the open frame without output: for a file truncated back to a frame boundary.
  virtual void reset() = 0;
};

struct DecodeStep {
  std::size_t consumed = 0;  // bytes of the input that were used
  bool frame_ended = false;  // the input's first `consumed` bytes completed a frame
};

class FrameDecoder {
 public:
  virtual ~FrameDecoder() = default;
  // Decodes from `in`, appending raw output to `out`; stops right after a frame's end or when `in`
  // is used up. A malformed frame is an error naming the codec's reason.
  virtual core::Result<DecodeStep> decode(std::string_view in, std::string& out) = 0;
};

// Both are for Compression::gzip or Compression::zstd, at the codec's default level.
std::unique_ptr<FrameEncoder> make_encoder(Compression compression);
std::unique_ptr<FrameDecoder> make_decoder(Compression compression);

// The codecs behind them, one file each.
std::unique_ptr<FrameEncoder> make_gzip_encoder();
std::unique_ptr<FrameDecoder> make_gzip_decoder();
std::unique_ptr<FrameEncoder> make_zstd_encoder();
std::unique_ptr<FrameDecoder> make_zstd_decoder();

}  // namespace msync::staging::detail
