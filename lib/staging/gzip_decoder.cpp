#include <array>
#include <stdexcept>

#include <fmt/format.h>
#include <zlib.h>

#include "staging/frame_codec.hpp"

namespace msync::staging::detail {
namespace {

constexpr int kGzipOnly = 15 + 16;  // accept the gzip wrapper only, with any window up to 32 KB

class GzipDecoder final : public FrameDecoder {
 public:
  GzipDecoder() {
    if (inflateInit2(&stream_, kGzipOnly) != Z_OK) throw std::runtime_error("inflateInit2 failed");
  }
  ~GzipDecoder() override { inflateEnd(&stream_); }

  core::Result<DecodeStep> decode(std::string_view in, std::string& out) override {
    stream_.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(in.data()));
    stream_.avail_in = static_cast<uInt>(in.size());
    for (;;) {
      stream_.next_out = buffer_.data();
      stream_.avail_out = static_cast<uInt>(buffer_.size());
      const int rc = inflate(&stream_, Z_NO_FLUSH);
      out.append(reinterpret_cast<const char*>(buffer_.data()), buffer_.size() - stream_.avail_out);
      const std::size_t consumed = in.size() - stream_.avail_in;
      if (rc == Z_STREAM_END) {
        inflateReset(&stream_);  // the next member, if any, starts afresh
        return DecodeStep{consumed, true};
      }
      if (rc == Z_OK || rc == Z_BUF_ERROR) {
        if (stream_.avail_out == 0) continue;                            // more output pending
        if (stream_.avail_in == 0) return DecodeStep{consumed, false};  // needs more input
        if (rc == Z_OK) continue;
      }
      return core::make_error(fmt::format("not valid gzip data ({})", stream_.msg ? stream_.msg : "inflate failed"),
                              core::ErrorKind::permanent);
    }
  }

 private:
  z_stream stream_{};
  std::array<Bytef, 64 * 1024> buffer_{};
};

}  // namespace

std::unique_ptr<FrameDecoder> make_gzip_decoder() { return std::make_unique<GzipDecoder>(); }

}  // namespace msync::staging::detail
