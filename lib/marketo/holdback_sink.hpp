#pragma once
// Marketo may answer file.json with HTTP 200 and a JSON error ({"success": false, ...}) instead of
// the file. This sink holds the first bytes back until it is clear they are file content, so that
// an error answer never lands in the caller's file.
#include <cstdint>
#include <optional>
#include <string>

#include "http/http.hpp"

namespace msync::marketo {

class HoldbackSink final : public http::BodySink {
 public:
  static constexpr std::size_t kHoldBytes = 4096;

  explicit HoldbackSink(http::BodySink& target) : target_(target) {}

  core::Status write(std::span<const char> bytes) override;

  // The whole body when it was short enough to be held entirely (it may be an error answer).
  std::optional<std::string_view> held_whole() const;
  // Hands what is held to the target; call once the answer is known to be file content.
  core::Status release();

  std::uint64_t forwarded() const { return forwarded_; }
  // The target's own refusal (disk full, ...), if that is what ended the download.
  const std::optional<core::Error>& target_error() const { return target_error_; }

 private:
  core::Status forward(std::span<const char> bytes);

  http::BodySink& target_;
  std::string held_;
  bool releasing_ = false;
  std::uint64_t forwarded_ = 0;
  std::optional<core::Error> target_error_;
};

}  // namespace msync::marketo
