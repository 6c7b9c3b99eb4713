#include "fake_marketo/sim/file_sink.hpp"

#include <openssl/evp.h>

namespace fake {

FileSink::FileSink(const std::string& path)
    : file_(std::fopen(path.c_str(), "wb")), digest_(EVP_MD_CTX_new()) {
  if (!digest_ || EVP_DigestInit_ex(digest_, EVP_sha256(), nullptr) != 1) ok_ = false;
}

FileSink::~FileSink() {
  if (file_) std::fclose(file_);
  EVP_MD_CTX_free(digest_);
}

bool FileSink::write(std::string_view chunk) {
  if (!file_ || !ok_) return false;
  ok_ = std::fwrite(chunk.data(), 1, chunk.size(), file_) == chunk.size() &&
        EVP_DigestUpdate(digest_, chunk.data(), chunk.size()) == 1;
  return ok_;
}

bool FileSink::close() {
  if (!file_) return false;
  ok_ = (std::fclose(file_) == 0) && ok_;
  file_ = nullptr;
  return ok_;
}

std::string FileSink::sha256_hex() {
  unsigned char md[EVP_MAX_MD_SIZE];
  unsigned int len = 0;
  if (EVP_DigestFinal_ex(digest_, md, &len) != 1) return {};
  static const char* hex = "0123456789abcdef";
  std::string out;
  for (unsigned i = 0; i < len; ++i) {
    out += hex[md[i] >> 4];
    out += hex[md[i] & 15];
  }
  return out;
}

}  // namespace fake
