#include "marketo/token_cache.hpp"

#include <fmt/format.h>

#include "marketo/answer_parser.hpp"
#include "marketo/call_failures.hpp"
#include "marketo/error_table.hpp"
#include "marketo/url.hpp"

namespace msync::marketo {
namespace {

constexpr std::string_view kEndpoint = "identity.token";
// Waiting out a token ends a little after its expiry, so that Marketo's clock agrees it is gone.
constexpr auto kExpirySlack = std::chrono::seconds(1);
// Each answer that again hands out a nearly expired token costs one more wait; stop after these.
constexpr int kMaxFetches = 3;

}  // namespace

TokenCache::TokenCache(ClientPool& identity, TokenSettings settings, Timing& timing,
                       const CallRecorder& recorder)
    : identity_(identity), settings_(std::move(settings)), timing_(timing), recorder_(recorder) {
  target_ = fmt::format("{}/oauth/token?grant_type=client_credentials&client_id={}&client_secret={}",
                        settings_.path_prefix, percent_encode(settings_.client_id),
                        percent_encode(settings_.client_secret));
}

boost::asio::awaitable<Outcome<std::string>> TokenCache::token() {
  for (;;) {
    if (token_ && expires_at_ - timing_.now() > margin_) co_return *token_;
    if (!fetching_) break;
    if (!co_await fetched_.wait()) co_return cancelled_failure(kEndpoint);
  }
  fetching_ = true;
  struct Done {
    TokenCache& cache;
    ~Done() {
      cache.fetching_ = false;
      cache.fetched_.notify_all();
    }
  } done{*this};
  co_return co_await fetch();
}

boost::asio::awaitable<Outcome<std::string>> TokenCache::fetch() {
  for (int fetches = 0;; ++fetches) {
    const auto now = timing_.now();
    if (token_ && expires_at_ > now) {
      // Asking now would hand back this very token: wait until it is gone.
      if (!co_await timing_.wait(expires_at_ - now + kExpirySlack)) co_return cancelled_failure(kEndpoint);
    }
    token_.reset();
    const auto fetched = co_await request_token();
    if (!fetched) co_return fetched.failure();
    if (expires_at_ - timing_.now() > margin_ || fetches + 1 >= kMaxFetches) {
      co_return *token_;
    }
  }
}

boost::asio::awaitable<Outcome<bool>> TokenCache::request_token() {
  auto lease = identity_.lease();
  if (!lease) {
    co_return Failure{Action::fail_config, Reason::transport, "",
                      "identity.token: " + redact(lease.error().message), 0};
  }
  http::Request request;
  request.method = "GET";
  request.target = target_;
  request.headers.emplace_back("Accept", "application/json");
  const auto sent_at = timing_.now();
  const auto answer = co_await lease.value()->send(std::move(request));
  const unsigned status = answer ? answer->status : 0;
  recorder_.record(kEndpoint, status, "", timing_.now() - sent_at);

  if (!answer) {
    // A certificate the daemon cannot trust is configuration (ca_file), not a passing fault: it
    // must end a run, not be retried for ever.
    core::Error error = answer.error();
    error.message = redact(std::move(error.message));
    co_return transport_failure(kEndpoint, error);
  }
  if (status == 401 || status == 403) {
    co_return Failure{Action::fail_config, Reason::credentials_rejected, "",
                      fmt::format("identity.token: Marketo rejected the client credentials "
                                  "(HTTP {}; check client_id and client_secret)",
                                  status),
                      status};
  }
  if (status != 200) {
    const Action action = action_for_http_status(status);
    co_return Failure{action == Action::backoff ? Action::backoff : Action::fail_config,
                      Reason::http_status, "",
                      fmt::format("identity.token: the identity service answered HTTP {} at {}/oauth/token",
                                  status, settings_.path_prefix),
                      status};
  }
  auto parsed = parse_token_answer(answer->body, status);
  if (!parsed) co_return parsed.failure();
  token_ = std::move(parsed.value().access_token);
  expires_at_ = sent_at + parsed.value().expires_in;
  // A token that arrives with little life (a short-lived subscription, or Marketo handing back a
  // cached one) is still used for the first half of what it has: a fixed margin larger than its
  // whole life would mean waiting it out forever.
  margin_ = std::min<Timing::Clock::duration>(settings_.margin, parsed.value().expires_in / 2);
  co_return true;
}

void TokenCache::invalidate(std::string_view token) {
  if (token_ && *token_ == token) token_.reset();
}

std::string TokenCache::redact(std::string text) const {
  const auto erase_all = [&text](const std::string& secret) {
    if (secret.empty()) return;
    for (auto at = text.find(secret); at != std::string::npos; at = text.find(secret, at)) {
      text.replace(at, secret.size(), "***");
    }
  };
  erase_all(settings_.client_secret);
  erase_all(percent_encode(settings_.client_secret));
  if (token_) erase_all(*token_);
  return text;
}

}  // namespace msync::marketo
