#pragma once
// The OAuth2 client-credentials token: fetched from the identity service, reused until it nearly
// expires. Marketo answers a repeated request with the *same* token and its remaining lifetime, so
// a token close to expiry is waited out and then asked for again, never "refreshed early".
// Concurrent callers share one fetch.
#include <optional>
#include <string>
#include <string_view>

#include <boost/asio/awaitable.hpp>

#include "marketo/call_recorder.hpp"
#include "marketo/client_pool.hpp"
#include "marketo/failure.hpp"
#include "marketo/notifier.hpp"
#include "marketo/timing.hpp"

namespace msync::marketo {

struct TokenSettings {
  std::string path_prefix;  // "/identity"
  std::string client_id;
  std::string client_secret;
  Timing::Clock::duration margin = std::chrono::seconds(5);
};

class TokenCache {
 public:
  TokenCache(ClientPool& identity, TokenSettings settings, Timing& timing, const CallRecorder& recorder);

  // A token with more than the margin of life left.
  boost::asio::awaitable<Outcome<std::string>> token();

  // The REST side refused `token` (601 / 602): forget it, unless a newer one already replaced it.
  void invalidate(std::string_view token);

  // Replaces every occurrence of the secret or the current token in text (for foreign messages).
  std::string redact(std::string text) const;

 private:
  boost::asio::awaitable<Outcome<std::string>> fetch();
  boost::asio::awaitable<Outcome<bool>> request_token();

  ClientPool& identity_;
  TokenSettings settings_;
  Timing& timing_;
  const CallRecorder& recorder_;
  std::string target_;  // holds the secret: never logged
  std::optional<std::string> token_;
  Timing::Clock::time_point expires_at_{};
  Timing::Clock::duration margin_{};  // settings' margin, or half the token's life when shorter
  bool fetching_ = false;
  Notifier fetched_;
};

}  // namespace msync::marketo
