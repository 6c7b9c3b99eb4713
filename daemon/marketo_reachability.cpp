#include "marketo_reachability.hpp"

#include <fmt/format.h>

namespace msync::daemon {

void MarketoReachability::observe(const CallOutcome& call) {
  if (call.is_token_request()) token_held_ = call.succeeded();
  if (call.code == "601" || call.code == "602") token_held_ = false;
  if (call.reached_marketo()) {
    unreachable_.reset();
    any_success_ = any_success_ || call.succeeded();
  } else if (call.http_status == 0) {
    unreachable_ = fmt::format("Marketo did not answer ({})", call.endpoint);
  } else if (call.http_status >= 500) {
    unreachable_ = fmt::format("Marketo answered HTTP {} ({})", call.http_status, call.endpoint);
  } else {
    unreachable_ = fmt::format("Marketo refused the token request with HTTP {} (check client_id and client_secret)",
                               call.http_status);
  }
}

void MarketoReachability::reset() { *this = MarketoReachability{}; }

health::Readiness MarketoReachability::readiness() const {
  if (!any_success_) {
    std::string reason = "no successful Marketo call yet";
    if (unreachable_) reason += " (last: " + *unreachable_ + ")";
    return {false, reason};
  }
  if (unreachable_) return {false, *unreachable_};
  if (!token_held_) return {false, "no valid Marketo access token (the last one was refused or expired)"};
  return {true, ""};
}

}  // namespace msync::daemon
