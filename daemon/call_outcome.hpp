#pragma once
// One Marketo call as the daemon's observers see it (the state's call ledger, the metrics, the
// readiness probe), with the judgements they share.
#include <string_view>

namespace msync::daemon {

struct CallOutcome {
  std::string_view endpoint;  // "identity.token", "export.create", ...
  unsigned http_status = 0;   // 0: no answer arrived
  std::string_view code;      // Marketo's error code, or ""

  // The ledger's and the metrics' key: Marketo's code, else the HTTP status unless it is 200 /
  // 206, else 0 (success).
  int ledger_code() const;
  // Answered 200 / 206 without a Marketo error.
  bool succeeded() const;
  // Worth another try: no answer, 5xx or 429, or a code Marketo means as "slow down" (606, 615...).
  bool transient() const;
  // Marketo answered: not a missing answer, a 5xx, or a refused token request.
  bool reached_marketo() const;
  bool is_token_request() const { return endpoint == "identity.token"; }
};

}  // namespace msync::daemon
