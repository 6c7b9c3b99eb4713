#pragma once
// RestApi's call templates, shared by rest_api.cpp and rest_api_imports.cpp (nothing else
// includes this): the retry loop every call goes through, and the JSON exchange most calls make.
#include <optional>

#include "marketo/call_failures.hpp"
#include "marketo/rest_api.hpp"

namespace msync::marketo {

template <class T, class Perform>
boost::asio::awaitable<Outcome<T>> RestApi::call(std::string_view endpoint, http::Request request,
                                                 Perform perform) {
  bool reauthenticated = false;
  for (unsigned attempt = 1;;) {
    std::optional<Outcome<T>> outcome;
    Attempt info;
    std::string token;
    {
      auto permit = co_await limiter_.acquire();
      if (!permit) co_return cancelled_failure(endpoint);
      auto fresh = co_await tokens_.token();
      if (!fresh) co_return fresh.failure();
      token = std::move(fresh.value());
      auto lease = rest_pool_.lease();
      if (!lease) co_return transport_failure(endpoint, lease.error());

      http::Request sent = request;
      sent.headers.emplace_back("Authorization", "Bearer " + token);
      const auto started = timing_->now();
      outcome.emplace(co_await perform(*lease.value(), std::move(sent), info));
      recorder_.record(endpoint, info.http_status, outcome->ok() ? "" : outcome->failure().code,
                       timing_->now() - started);
    }
    if (outcome->ok()) co_return std::move(*outcome);

    Failure failure = outcome->failure();
    failure.message = tokens_.redact(std::move(failure.message));
    if (failure.action == Action::reauthenticate) {
      tokens_.invalidate(token);  // even when not retrying: the next call must not reuse it
      if (!reauthenticated && info.repeatable) {
        reauthenticated = true;
        continue;
      }
      // Refused again right after a fresh token (Marketo's clock ahead of ours), or not safe to
      // send again here: the caller backs off and calls again, which fetches a new token. Bad
      // credentials fail at the token call instead (fail_config), so this never loops on them.
      failure.action = Action::backoff;
      co_return failure;
    }
    if (failure.action == Action::backoff && failure.reason != Reason::cancelled &&
        info.repeatable && attempt < max_attempts_) {
      recorder_.retrying(failure.message, attempt, max_attempts_);
      if (!co_await timing_->wait(backoff_delay(attempt))) co_return cancelled_failure(endpoint);
      ++attempt;
      continue;
    }
    co_return failure;
  }
}

template <class T>
boost::asio::awaitable<Outcome<T>> RestApi::json_call(std::string_view endpoint, http::Request request,
                                                      Resend resend, AnswerParser<T> parse) {
  co_return co_await call<T>(
      endpoint, std::move(request),
      [endpoint, resend, parse](http::Client& client, http::Request sent,
                                Attempt& info) -> boost::asio::awaitable<Outcome<T>> {
        const auto answer = co_await client.send(std::move(sent));
        if (!answer) {
          info.repeatable = resend == Resend::always;
          Failure failure = transport_failure(endpoint, answer.error());
          // A permanent error (URL, certificate) stops the request before it is sent.
          if (resend != Resend::after_refusal || answer.error().kind == core::ErrorKind::permanent) {
            co_return failure;
          }
          co_return may_have_taken_effect(std::move(failure));
        }
        info.http_status = answer->status;
        Outcome<T> outcome = answer->status == 200
                                 ? parse(endpoint, answer->body, answer->status)
                                 : Outcome<T>(status_failure(endpoint, answer->status, answer->body));
        if (resend != Resend::after_refusal || outcome.ok() || refused(outcome.failure())) {
          co_return outcome;
        }
        info.repeatable = false;
        co_return may_have_taken_effect(outcome.failure());
      });
}

}  // namespace msync::marketo
