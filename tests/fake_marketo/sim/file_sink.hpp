#pragma once
// A ByteSink that writes a file and hashes it on the way (the status's fileChecksum).
#include <cstdio>
#include <string>
#include <string_view>

#include "fake_marketo/sim/export_renderer.hpp"

struct evp_md_ctx_st;

namespace fake {

class FileSink final : public ByteSink {
 public:
  explicit FileSink(const std::string& path);  // truncates; check is_open()
  ~FileSink() override;
  FileSink(const FileSink&) = delete;
  FileSink& operator=(const FileSink&) = delete;

  bool is_open() const { return file_ != nullptr; }
  bool write(std::string_view chunk) override;
  // Closes the file; false when any write or the close failed.
  bool close();
  // Lower-case hex SHA-256 of everything written (call once, after close()).
  std::string sha256_hex();

 private:
  std::FILE* file_ = nullptr;
  evp_md_ctx_st* digest_ = nullptr;
  bool ok_ = true;
};

}  // namespace fake
