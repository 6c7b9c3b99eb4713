#pragma once
// What a Marketo call can end in besides success: a Failure that says what the caller should do
// next (its Action), and Outcome<T>, the value-or-Failure every typed call returns.
#include <cassert>
#include <string>
#include <string_view>
#include <utility>
#include <variant>

#include "core/result.hpp"

namespace msync::marketo {

// The engine's choices after a failed call (DESIGN: "Async model").
enum class Action {
  retry_now,             // nothing to wait for (e.g. restart a download from byte 0)
  backoff,               // transient: rate limit, overload, 5xx, transport, garbled answer
  reauthenticate,        // the token was refused (inside RestApi only: callers see backoff)
  wait_for_slot,         // 1029 / 1016: the subscription's export or import queue is full
  wait_for_quota_reset,  // 1029 daily export quota, 607 daily call quota: wait for US Central midnight
  fail_job,              // retrying cannot help this job; never loop on it
  fail_config,           // credentials or permissions are wrong: no job can succeed
};

// Where the failure came from, for callers that must tell apart failures sharing an Action.
enum class Reason {
  marketo_error,          // "success": false with an error code
  http_status,            // an unexpected HTTP status
  transport,              // no answer: connect, TLS, timeout, cut connection
  malformed_answer,       // the answer's JSON or one of its fields is not what Marketo sends
  credentials_rejected,   // the identity service refused client_id / client_secret
  file_not_available,     // file.json answered 404: not completed yet or expired (unknown which)
  range_not_satisfiable,  // file.json answered 416: the offset lies beyond the file
  range_mismatch,         // file.json answered bytes that do not continue at the offset asked
  sink_refused,           // the caller's BodySink refused bytes (disk full, ...)
  invalid_argument,       // the caller's request cannot be sent (bad export id, bad filter)
  cancelled,              // stopped on purpose (shutdown)
};

std::string_view to_string(Action action);
std::string_view to_string(Reason reason);

struct Failure {
  Action action = Action::fail_job;
  Reason reason = Reason::marketo_error;
  std::string code;          // Marketo's error code ("1029"); "" when the failure is not Marketo's
  std::string message;       // names the endpoint and what went wrong; never a secret or a token
  unsigned http_status = 0;  // 0 when no answer arrived
};

// For layers that speak core::Error: waiting actions are transient, failing ones permanent.
core::Error to_error(const Failure& failure);

template <class T>
class [[nodiscard]] Outcome {
 public:
  Outcome(T value) : state_(std::in_place_index<0>, std::move(value)) {}
  Outcome(Failure failure) : state_(std::in_place_index<1>, std::move(failure)) {}

  bool ok() const { return state_.index() == 0; }
  explicit operator bool() const { return ok(); }

  T& value() & { assert(ok()); return std::get<0>(state_); }
  const T& value() const& { assert(ok()); return std::get<0>(state_); }
  T&& value() && { assert(ok()); return std::get<0>(std::move(state_)); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }

  const Failure& failure() const { assert(!ok()); return std::get<1>(state_); }

 private:
  std::variant<T, Failure> state_;
};

}  // namespace msync::marketo
