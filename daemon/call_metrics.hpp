#pragma once
// Counts every Marketo call the daemon makes, since it started:
//   marketo_sync_api_calls_total{endpoint, code}  (code as CallOutcome::ledger_code(): 0 success)
//   marketo_sync_api_retries_total{endpoint}      calls that failed transiently and are retried
#include "call_outcome.hpp"
#include "health/health.hpp"

namespace msync::daemon {

class CallMetrics {
 public:
  explicit CallMetrics(health::MetricsRegistry& registry) : registry_(registry) {}
  void observe(const CallOutcome& call);

 private:
  health::MetricsRegistry& registry_;
};

}  // namespace msync::daemon
