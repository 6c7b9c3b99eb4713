#include "marketo/call_failures.hpp"

#include <fmt/format.h>

#include "marketo/answer_parser.hpp"
#include "marketo/error_table.hpp"

namespace msync::marketo {

Failure transport_failure(std::string_view endpoint, const core::Error& error) {
  switch (error.kind) {
    case core::ErrorKind::cancelled:
      return cancelled_failure(endpoint);
    case core::ErrorKind::permanent:
      return Failure{Action::fail_config, Reason::transport, "",
                     fmt::format("{}: {}", endpoint, error.message), 0};
    default:
      return Failure{Action::backoff, Reason::transport, "",
                     fmt::format("{}: {}", endpoint, error.message), 0};
  }
}

Failure status_failure(std::string_view endpoint, unsigned status, std::string_view body) {
  if (auto failure = parse_error_envelope(endpoint, body, status)) return *failure;
  return Failure{action_for_http_status(status), Reason::http_status, "",
                 fmt::format("{}: unexpected HTTP status {}", endpoint, status), status};
}

Failure malformed_answer(std::string_view endpoint, std::string_view what, unsigned http_status) {
  return Failure{Action::backoff, Reason::malformed_answer, "",
                 fmt::format("{}: malformed answer: {}", endpoint, what), http_status};
}

Failure cancelled_failure(std::string_view endpoint) {
  return Failure{Action::backoff, Reason::cancelled, "", fmt::format("{}: cancelled", endpoint), 0};
}

bool refused(const Failure& failure) {
  return failure.reason == Reason::marketo_error || failure.http_status == 429;
}

Failure may_have_taken_effect(Failure failure) {
  failure.message += "; Marketo may have taken the request: it is not sent again";
  return failure;
}

Failure invalid_argument(std::string_view endpoint, std::string_view what) {
  return Failure{Action::fail_job, Reason::invalid_argument, "", fmt::format("{}: {}", endpoint, what), 0};
}

}  // namespace msync::marketo
