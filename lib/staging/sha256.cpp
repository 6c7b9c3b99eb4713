#include "staging/sha256.hpp"

#include <cerrno>
#include <new>
#include <stdexcept>
#include <vector>

#include <fcntl.h>
#include <unistd.h>

#include <fmt/format.h>
#include <openssl/evp.h>

#include "staging/file_ops.hpp"

namespace msync::staging {
namespace {

constexpr std::size_t kFileChunk = 1 << 20;

// EVP fails only when out of memory or misconfigured: neither is a value the caller can act on.
void check(int evp_result, const char* what) {
  if (evp_result != 1) throw std::runtime_error(fmt::format("{} failed", what));
}

}  // namespace

void Sha256::Deleter::operator()(evp_md_ctx_st* ctx) const { EVP_MD_CTX_free(ctx); }

Sha256::Sha256() : ctx_(EVP_MD_CTX_new()) {
  if (!ctx_) throw std::bad_alloc();
  reset();
}

Sha256::Sha256(Sha256&&) noexcept = default;
Sha256& Sha256::operator=(Sha256&&) noexcept = default;
Sha256::~Sha256() = default;

void Sha256::update(std::span<const char> bytes) {
  if (bytes.empty()) return;
  check(EVP_DigestUpdate(ctx_.get(), bytes.data(), bytes.size()), "EVP_DigestUpdate");
}

std::string Sha256::hex() const {
  // Finalise a copy, so that the running digest can keep growing.
  std::unique_ptr<evp_md_ctx_st, Deleter> copy(EVP_MD_CTX_new());
  if (!copy) throw std::bad_alloc();
  check(EVP_MD_CTX_copy_ex(copy.get(), ctx_.get()), "EVP_MD_CTX_copy_ex");
  unsigned char md[EVP_MAX_MD_SIZE];
  unsigned int length = 0;
  check(EVP_DigestFinal_ex(copy.get(), md, &length), "EVP_DigestFinal_ex");
  static constexpr char kDigits[] = "0123456789abcdef";
  std::string out;
  out.reserve(2 * length);
  for (unsigned int i = 0; i < length; ++i) {
    out.push_back(kDigits[md[i] >> 4]);
    out.push_back(kDigits[md[i] & 0x0f]);
  }
  return out;
}

void Sha256::reset() {
  check(EVP_DigestInit_ex(ctx_.get(), EVP_sha256(), nullptr), "EVP_DigestInit_ex(sha256)");
}

core::Result<std::string> sha256_of_file(const std::filesystem::path& file) {
  detail::UniqueFd fd(::open(file.c_str(), O_RDONLY | O_CLOEXEC));
  if (fd.get() < 0) return detail::os_error("open", file, errno);
  Sha256 digest;
  std::vector<char> buffer(kFileChunk);
  for (;;) {
    const ::ssize_t n = ::read(fd.get(), buffer.data(), buffer.size());
    if (n < 0) {
      if (errno == EINTR) continue;
      return detail::os_error("read", file, errno);
    }
    if (n == 0) return digest.hex();
    digest.update(std::span<const char>(buffer.data(), static_cast<std::size_t>(n)));
  }
}

}  // namespace msync::staging
