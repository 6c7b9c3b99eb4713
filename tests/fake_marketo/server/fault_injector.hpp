#pragma once
// Draws the faults of one request from the current spec. The generator is seeded once
// (--fault-seed), so the same request sequence meets the same faults on every run.
#include <chrono>
#include <cstdint>
#include <optional>
#include <random>
#include <string>

#include "server/fault_spec.hpp"

namespace fake {

struct FaultDecision {
  bool expire_tokens = false;
  std::chrono::milliseconds stall{0};
  std::optional<FaultKind> replace;       // 606, 615 or 5xx: answer this instead of the simulator
  std::optional<std::uint64_t> cut_after;  // file bodies only
  bool malformed = false;
  std::string names;  // the faults that fired, comma-separated, for the request log

  bool any() const { return !names.empty(); }
};

class FaultInjector {
 public:
  explicit FaultInjector(std::uint64_t seed) : random_(seed) {}

  void set_spec(FaultSpec spec) { spec_ = std::move(spec); }
  const FaultSpec& spec() const { return spec_; }

  // One uniform draw per rule, in spec order.
  FaultDecision draw();

  // 502 or 503, alternating through the same generator.
  unsigned server_error_status();

 private:
  FaultSpec spec_;
  std::mt19937_64 random_;
};

}  // namespace fake
