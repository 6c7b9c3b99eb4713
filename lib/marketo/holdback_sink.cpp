#include "marketo/holdback_sink.hpp"

namespace msync::marketo {

core::Status HoldbackSink::forward(std::span<const char> bytes) {
  if (bytes.empty()) return {};
  auto status = target_.write(bytes);
  if (!status) {
    target_error_ = status.error();
    return status;
  }
  forwarded_ += bytes.size();
  return {};
}

core::Status HoldbackSink::write(std::span<const char> bytes) {
  if (releasing_) return forward(bytes);
  held_.append(bytes.data(), bytes.size());
  if (held_.size() < kHoldBytes) return {};
  return release();
}

std::optional<std::string_view> HoldbackSink::held_whole() const {
  if (releasing_) return std::nullopt;
  return std::string_view(held_);
}

core::Status HoldbackSink::release() {
  if (releasing_) return {};
  releasing_ = true;
  std::string held = std::move(held_);
  held_.clear();
  return forward(held);
}

}  // namespace msync::marketo
