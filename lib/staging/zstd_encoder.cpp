#include <stdexcept>
#include <vector>

#include <fmt/format.h>
#include <zstd.h>

#include "staging/frame_codec.hpp"

namespace msync::staging::detail {
namespace {

constexpr int kLevel = 3;  // zstd's own default

// Each frame carries a content checksum, so that a damaged frame is refused when it is read back.
class ZstdEncoder final : public FrameEncoder {
 public:
  ZstdEncoder() : ctx_(ZSTD_createCCtx()), buffer_(ZSTD_CStreamOutSize()) {
    if (!ctx_) throw std::runtime_error("ZSTD_createCCtx failed");
    ZSTD_CCtx_setParameter(ctx_, ZSTD_c_compressionLevel, kLevel);
    ZSTD_CCtx_setParameter(ctx_, ZSTD_c_checksumFlag, 1);
  }
  ~ZstdEncoder() override { ZSTD_freeCCtx(ctx_); }

  core::Status compress(std::string_view raw, std::string& out) override {
    if (raw.empty()) return {};
    open_ = true;
    ZSTD_inBuffer in{raw.data(), raw.size(), 0};
    while (in.pos < in.size) {
      if (auto s = step(in, ZSTD_e_continue, out); !s) return s.error();
    }
    return {};
  }

  core::Status end_frame(std::string& out) override {
    if (!open_) return {};
    ZSTD_inBuffer in{nullptr, 0, 0};
    for (;;) {
      auto left = step(in, ZSTD_e_end, out);
      if (!left) return left.error();
      if (*left == 0) break;
    }
    open_ = false;
    return {};
  }

  void reset() override {
    ZSTD_CCtx_reset(ctx_, ZSTD_reset_session_only);
    open_ = false;
  }

 private:
  // One call; returns what zstd says is left to flush.
  core::Result<std::size_t> step(ZSTD_inBuffer& in, ZSTD_EndDirective mode, std::string& out) {
    ZSTD_outBuffer o{buffer_.data(), buffer_.size(), 0};
    const std::size_t left = ZSTD_compressStream2(ctx_, &o, &in, mode);
    if (ZSTD_isError(left)) return core::make_error(fmt::format("zstd: compression failed ({})", ZSTD_getErrorName(left)));
    out.append(buffer_.data(), o.pos);
    return left;
  }

  ZSTD_CCtx* ctx_;
  std::vector<char> buffer_;
  bool open_ = false;
};

}  // namespace

std::unique_ptr<FrameEncoder> make_zstd_encoder() { return std::make_unique<ZstdEncoder>(); }

}  // namespace msync::staging::detail
