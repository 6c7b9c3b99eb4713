#include "marketo/failure.hpp"

namespace msync::marketo {

std::string_view to_string(Action action) {
  switch (action) {
    case Action::retry_now: return "retry_now";
    case Action::backoff: return "backoff";
    case Action::reauthenticate: return "reauthenticate";
    case Action::wait_for_slot: return "wait_for_slot";
    case Action::wait_for_quota_reset: return "wait_for_quota_reset";
    case Action::fail_job: return "fail_job";
    case Action::fail_config: return "fail_config";
  }
  return "unknown";
}

std::string_view to_string(Reason reason) {
  switch (reason) {
    case Reason::marketo_error: return "marketo_error";
    case Reason::http_status: return "http_status";
    case Reason::transport: return "transport";
    case Reason::malformed_answer: return "malformed_answer";
    case Reason::credentials_rejected: return "credentials_rejected";
    case Reason::file_not_available: return "file_not_available";
    case Reason::range_not_satisfiable: return "range_not_satisfiable";
    case Reason::range_mismatch: return "range_mismatch";
    case Reason::sink_refused: return "sink_refused";
    case Reason::invalid_argument: return "invalid_argument";
    case Reason::cancelled: return "cancelled";
  }
  return "unknown";
}

core::Error to_error(const Failure& failure) {
  if (failure.reason == Reason::cancelled) return {failure.message, core::ErrorKind::cancelled};
  const bool gives_up = failure.action == Action::fail_job || failure.action == Action::fail_config;
  return {failure.message, gives_up ? core::ErrorKind::permanent : core::ErrorKind::transient};
}

}  // namespace msync::marketo
