#pragma once
// The --faults language: comma-separated KIND:RATE[:PARAM] rules, each drawn once per request it
// applies to, e.g.
// 606:0.1,615:0.05,5xx:0.1,expire:0.02,stall:0.01:30s,cut:0.1:65536,malformed:0.05,1029:0.1,failed:0.1,404:0.1
// 1029 and failed apply to enqueue.json only, 404 to file.json only, the rest to every API call.
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
  quota,        // 1029: enqueue.json answers "Export daily quota exceeded"
  job_failed,   // failed: the job this enqueue.json queues ends Failed instead of Completed
  file_gone,    // 404: the file this file.json asks for has expired (404 now and from then on)
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

// Whether a rule of this kind is drawn for a request to `path` (an API path, query stripped).
bool fault_applies(FaultKind kind, std::string_view path);

}  // namespace fake
