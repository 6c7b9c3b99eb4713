#include <stdexcept>
#include <vector>

#include <fmt/format.h>
#include <zstd.h>

#include "staging/frame_codec.hpp"

namespace msync::staging::detail {
namespace {

class ZstdDecoder final : public FrameDecoder {
 public:
  ZstdDecoder() : ctx_(ZSTD_createDCtx()), buffer_(ZSTD_DStreamOutSize()) {
    if (!ctx_) throw std::runtime_error("ZSTD_createDCtx failed");
  }
  ~ZstdDecoder() override { ZSTD_freeDCtx(ctx_); }

  core::Result<DecodeStep> decode(std::string_view in, std::string& out) override {
    ZSTD_inBuffer input{in.data(), in.size(), 0};
    for (;;) {
      ZSTD_outBuffer output{buffer_.data(), buffer_.size(), 0};
      const std::size_t hint = ZSTD_decompressStream(ctx_, &output, &input);
      if (ZSTD_isError(hint)) {
        ZSTD_DCtx_reset(ctx_, ZSTD_reset_session_only);
        return core::make_error(fmt::format("not valid zstd data ({})", ZSTD_getErrorName(hint)),
                                core::ErrorKind::permanent);
      }
      out.append(buffer_.data(), output.pos);
      // 0: a frame was completely decoded and flushed; zstd stops right after it.
      if (hint == 0) return DecodeStep{input.pos, true};
      if (output.pos == output.size) continue;  // more output pending
      if (input.pos == input.size) return DecodeStep{input.pos, false};
    }
  }

 private:
  ZSTD_DCtx* ctx_;
  std::vector<char> buffer_;
};

}  // namespace

std::unique_ptr<FrameDecoder> make_zstd_decoder() { return std::make_unique<ZstdDecoder>(); }

}  // namespace msync::staging::detail
