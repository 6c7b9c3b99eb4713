#include "server/fault_injector.hpp"

#include <algorithm>

namespace fake {

FaultDecision FaultInjector::draw(std::string_view path) {
  FaultDecision decision;
  std::uniform_real_distribution<double> uniform(0.0, 1.0);
  for (const auto& rule : spec_.rules) {
    if (!fault_applies(rule.kind, path)) continue;
    if (!(uniform(random_) < rule.rate)) continue;
    switch (rule.kind) {
      case FaultKind::rate_limit:
      case FaultKind::concurrency:
      case FaultKind::server_error:
      case FaultKind::quota:
        if (decision.replace) continue;  // one answer only: the first rule that fired wins
        decision.replace = rule.kind;
        break;
      case FaultKind::expire: decision.expire_tokens = true; break;
      case FaultKind::stall: decision.stall = std::max(decision.stall, rule.stall); break;
      case FaultKind::cut:
        if (decision.cut_after) continue;
        decision.cut_after = rule.cut_bytes;
        break;
      case FaultKind::malformed: decision.malformed = true; break;
      case FaultKind::job_failed: decision.fail_job = true; break;
      case FaultKind::file_gone: decision.file_gone = true; break;
    }
    if (!decision.names.empty()) decision.names += ',';
    decision.names += fault_name(rule.kind);
  }
  return decision;
}

unsigned FaultInjector::server_error_status() {
  return std::uniform_int_distribution<int>(0, 1)(random_) == 0 ? 502 : 503;
}

}  // namespace fake
