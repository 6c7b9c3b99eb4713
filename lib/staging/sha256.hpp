#pragma once
// A running SHA-256 over bytes fed in pieces (OpenSSL's EVP underneath), for staged files and for
// recognising an inbound import file by its content.
#include <memory>
#include <span>
#include <filesystem>
#include <string>

#include "core/core.hpp"

struct evp_md_ctx_st;

namespace msync::staging {

class Sha256 {
 public:
  Sha256();
  Sha256(Sha256&&) noexcept;
  Sha256& operator=(Sha256&&) noexcept;
  ~Sha256();

  void update(std::span<const char> bytes);
  // The lower-case hex digest of everything fed so far; the hasher may go on being fed.
  std::string hex() const;
  // Starts over, as if nothing had been fed.
  void reset();

 private:
  struct Deleter {
    void operator()(evp_md_ctx_st* ctx) const;
  };
  std::unique_ptr<evp_md_ctx_st, Deleter> ctx_;
};

// The digest of a whole file, read in chunks; an error names the file.
core::Result<std::string> sha256_of_file(const std::filesystem::path& file);

}  // namespace msync::staging
