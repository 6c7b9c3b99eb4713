#include "fake_marketo/sim/token_store.hpp"

#include "fake_marketo/sim/ids.hpp"

namespace fake {

TokenStore::Issued TokenStore::issue(const std::string& client_id, SimTime now) {
  const auto cur = current_.find(client_id);
  if (cur != current_.end()) {
    const Token& t = tokens_.at(cur->second);
    if (live(t, now))
      return {cur->second,
              std::chrono::floor<std::chrono::seconds>(t.expires_at - now).count()};
  }
  std::string token = make_uuid(key_, ++issued_) + ":ab";
  tokens_[token] = Token{client_id, now + ttl_, false};
  current_[client_id] = token;
  return {token, std::chrono::floor<std::chrono::seconds>(ttl_).count()};
}

TokenStore::Check TokenStore::check(std::string_view token, SimTime now) const {
  const auto it = tokens_.find(token);
  if (it == tokens_.end()) return {State::unknown, {}};
  if (!live(it->second, now)) return {State::expired, {}};
  return {State::valid, it->second.client_id};
}

void TokenStore::expire_all() {
  for (auto& [_, t] : tokens_) t.revoked = true;
}

}  // namespace fake
