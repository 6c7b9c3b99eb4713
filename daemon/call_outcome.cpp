#include "call_outcome.hpp"

#include <charconv>

#include "marketo/marketo.hpp"

namespace msync::daemon {

int CallOutcome::ledger_code() const {
  int recorded = (http_status == 200 || http_status == 206) ? 0 : static_cast<int>(http_status);
  if (!code.empty()) std::from_chars(code.data(), code.data() + code.size(), recorded);
  return recorded;
}

bool CallOutcome::succeeded() const { return (http_status == 200 || http_status == 206) && code.empty(); }

bool CallOutcome::transient() const {
  if (http_status == 0) return true;
  if (!code.empty()) return marketo::rule_for(code, "").action == marketo::Action::backoff;
  if (http_status >= 200 && http_status < 300) return false;
  return marketo::action_for_http_status(http_status) == marketo::Action::backoff;
}

bool CallOutcome::reached_marketo() const {
  if (http_status == 0 || http_status >= 500) return false;
  return !is_token_request() || succeeded();
}

}  // namespace msync::daemon
