#include <array>
#include <stdexcept>

#include <fmt/format.h>
#include <zlib.h>

#include "staging/frame_codec.hpp"

namespace msync::staging::detail {
namespace {

constexpr int kGzipWindow = 15 + 16;  // 32 KB window, gzip wrapper (header, CRC-32, size)
constexpr int kLevel = 6;             // gzip's own default

// Each frame is one gzip member: a header, deflate data, and a trailer with CRC-32 and size.
class GzipEncoder final : public FrameEncoder {
 public:
  GzipEncoder() {
    // Failing here is out of memory: a programming error, not an expected failure.
    if (deflateInit2(&stream_, kLevel, Z_DEFLATED, kGzipWindow, 8,
                     Z_DEFAULT_STRATEGY) != Z_OK)
      throw std::runtime_error("deflateInit2 failed");
  }
  ~GzipEncoder() override { deflateEnd(&stream_); }

  core::Status compress(std::string_view raw, std::string& out) override {
    open_ = open_ || !raw.empty();
    return run(raw, Z_NO_FLUSH, out);
  }

  core::Status end_frame(std::string& out) override {
    if (!open_) return {};
    if (auto s = run({}, Z_FINISH, out); !s) return s;
    reset();
    return {};
  }

  void reset() override {
    deflateReset(&stream_);
    open_ = false;
  }

 private:
  core::Status run(std::string_view raw, int flush, std::string& out) {
    stream_.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(raw.data()));
    stream_.avail_in = static_cast<uInt>(raw.size());
    for (;;) {
      stream_.next_out = buffer_.data();
      stream_.avail_out = static_cast<uInt>(buffer_.size());
      const int rc = deflate(&stream_, flush);
      if (rc == Z_STREAM_ERROR)
        return core::make_error(fmt::format("gzip: deflate failed ({})", stream_.msg ? stream_.msg : "stream error"));
      out.append(reinterpret_cast<const char*>(buffer_.data()), buffer_.size() - stream_.avail_out);
      if (flush == Z_FINISH ? rc == Z_STREAM_END : (stream_.avail_in == 0 && stream_.avail_out != 0)) return {};
    }
  }

  z_stream stream_{};
  std::array<Bytef, 64 * 1024> buffer_{};
  bool open_ = false;
};

}  // namespace

std::unique_ptr<FrameEncoder> make_gzip_encoder() { return std::make_unique<GzipEncoder>(); }

}  // namespace msync::staging::detail
