#include "staging/frame_codec.hpp"

namespace msync::staging::detail {

std::unique_ptr<FrameEncoder> make_encoder(Compression compression) {
  switch (compression) {
    case Compression::gzip: return make_gzip_encoder();
    case Compression::zstd: return make_zstd_encoder();
    case Compression::none: break;
  }
  return nullptr;
}

std::unique_ptr<FrameDecoder> make_decoder(Compression compression) {
  switch (compression) {
    case Compression::gzip: return make_gzip_decoder();
    case Compression::zstd: return make_zstd_decoder();
    case Compression::none: break;
  }
  return nullptr;
}

}  // namespace msync::staging::detail
