#pragma once
// Draws the faults of one request from the current spec. The generator is seeded once
// (--fault-seed), so the same request sequence meets the same faults on every run.
#include <chrono>
#include <cstdint>
#include <optional>
#include <random>
#include <string>
#include <string_view>

#include "server/fault_spec.hpp"

namespace fake {

struct FaultDecision {
  bool expire_tokens = false;
  std::chrono::milliseconds stall{0};
  std::optional<FaultKind> replace;       // 606, 615, 5xx or 1029: answer this instead of the simulator
  std::optional<std::uint64_t> cut_after;  // file bodies only
  bool malformed = false;
  bool fail_job = false;   // enqueue.json: the job it queues will end Failed
  bool file_gone = false;  // file.json: the file expires before the request is handled
  std::string names;  // the faults that fired, comma-separated, for the request log

  bool any() const { return !names.empty(); }
};

class FaultInjector {
 public:
  explicit FaultInjector(std::uint64_t seed) : random_(seed) {}

  void set_spec(FaultSpec spec) { spec_ = std::move(spec); }
  const FaultSpec& spec() const { return spec_; }

  // One uniform draw per rule that applies to `path` (see fault_applies), in spec order; "" draws
  // only the rules that apply to every call.
  FaultDecision draw(std::string_view path = {});

  // 502 or 503, alternating through the same generator.
  unsigned server_error_status();

 private:
  FaultSpec spec_;
  std::mt19937_64 random_;
};

}  // namespace fake
