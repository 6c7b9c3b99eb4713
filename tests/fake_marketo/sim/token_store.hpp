#pragma once
// OAuth2 client-credential tokens, as Marketo hands them out: one live token per API user; asking
// again before it expires returns the same token with what is left of its lifetime.
#include <chrono>
#include <cstdint>
#include <map>
#include <string>
#include <string_view>

#include "fake_marketo/sim/simulator.hpp"

namespace fake {

class TokenStore {
 public:
  TokenStore(std::chrono::milliseconds ttl, std::uint64_t key) : ttl_(ttl), key_(key) {}

  struct Issued {
    std::string token;
    std::int64_t expires_in = 0;  // whole seconds left
  };
  Issued issue(const std::string& client_id, SimTime now);

  enum class State { valid, unknown, expired };
  struct Check {
    State state = State::unknown;
    std::string client_id;  // valid only
  };
  Check check(std::string_view token, SimTime now) const;

  // Every token issued so far counts as expired from now on.
  void expire_all();

 private:
  struct Token {
    std::string client_id;
    SimTime expires_at;
    bool revoked = false;
  };
  bool live(const Token& t, SimTime now) const { return !t.revoked && now < t.expires_at; }

  std::chrono::milliseconds ttl_;
  std::uint64_t key_;
  std::uint64_t issued_ = 0;
  std::map<std::string, Token, std::less<>> tokens_;
  std::map<std::string, std::string> current_;  // client_id -> its latest token
};

}  // namespace fake
