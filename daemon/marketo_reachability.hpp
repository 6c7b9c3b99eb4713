#pragma once
// Whether Marketo is reachable with a valid token, as the calls the daemon makes show it: the
// Marketo half of /readyz. Ready once a call has succeeded, while the latest call reached Marketo
// (an error code such as 1029 still counts: Marketo answered), and while the latest token
// request succeeded and no call since had its token refused (601 / 602).
#include <optional>
#include <string>

#include "call_outcome.hpp"
#include "health/health.hpp"

namespace msync::daemon {

class MarketoReachability {
 public:
  void observe(const CallOutcome& call);
  // Forget what is known (a reload brings other credentials, perhaps another instance).
  void reset();
  health::Readiness readiness() const;

 private:
  bool any_success_ = false;
  bool token_held_ = false;
  std::optional<std::string> unreachable_;  // why the latest call did not reach Marketo
};

}  // namespace msync::daemon
