#pragma once
// A download sink that keeps the body in memory, for the failures and warnings files of one
// batch (bounded by Marketo's 10 MB import limit plus a reason column per row).
#include <span>
#include <string>

#include "http/http.hpp"

namespace msync::imports {

class StringSink final : public http::BodySink {
 public:
  static constexpr std::size_t kLimit = 256u << 20;

  core::Status write(std::span<const char> bytes) override {
    if (text_.size() + bytes.size() > kLimit)
      return core::make_error("more than 256 MiB in one failures or warnings file", core::ErrorKind::permanent);
    text_.append(bytes.data(), bytes.size());
    return {};
  }
  const std::string& text() const { return text_; }

 private:
  std::string text_;
};

}  // namespace msync::imports
