#include "call_metrics.hpp"

#include <string>

namespace msync::daemon {

void CallMetrics::observe(const CallOutcome& call) {
  const std::string endpoint(call.endpoint);
  registry_
      .counter("api_calls",
               "Marketo API calls by endpoint and result code (0: success; otherwise Marketo's error "
               "code, or the HTTP status when there is none).",
               {{"endpoint", endpoint}, {"code", std::to_string(call.ledger_code())}})
      .inc();
  if (call.transient())
    registry_
        .counter("api_retries",
                 "Marketo API calls that failed transiently (no answer, 5xx, 429, 606, 615, ...) and "
                 "are tried again.",
                 {{"endpoint", endpoint}})
        .inc();
}

}  // namespace msync::daemon
