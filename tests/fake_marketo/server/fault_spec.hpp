#pragma once
// The --faults language: comma-separated KIND:RATE[:PARAM] rules, each drawn once per request, e.g.
// 606:0.1,615:0.05,5xx:0.1,expire:0.02,stall:0.01:30s,cut:0.1:65536,malformed:0.05
#include <chrono>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/core.hpp"

namespace fake {

enum class FaultKind {
  rate_limit,   // 606: answer Marketo's "Max rate limit" error instead of the real answer
  concurrency,  // 615: answer Marketo's "Concurrent access limit reached" error
  server_error, // 5xx: a gateway's 502 / 503 with an HTML body
  expire,       // expire every token before the request is handled
  stall,        // wait `stall` before answering
  cut,          // file.json: close the connection after `cut_bytes` bytes of body
  malformed,    // a truncated JSON body
};

struct FaultRule {
  FaultKind kind = FaultKind::rate_limit;
  double rate = 0;  // probability per request, 0..1
  std::chrono::milliseconds stall{0};
  std::uint64_t cut_bytes = 0;
};

struct FaultSpec {
  std::vector<FaultRule> rules;
};

// "" is the empty spec (no faults). Errors name the offending rule.
msync::core::Result<FaultSpec> parse_fault_spec(std::string_view text);

// The spelling a rule has in a spec ("606", "5xx", "stall", ...), for logs.
std::string_view fault_name(FaultKind kind);

}  // namespace fake
