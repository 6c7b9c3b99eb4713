#pragma once
// A monotonic count; owned by MetricsRegistry, which hands out stable references.
#include <cstdint>

namespace msync::health {

class Counter {
 public:
  void inc(std::uint64_t by = 1) { value_ += by; }
  std::uint64_t value() const { return value_; }

 private:
  std::uint64_t value_ = 0;
};

}  // namespace msync::health
