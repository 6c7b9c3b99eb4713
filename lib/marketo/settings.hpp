#pragma once
// The client's settings as a plain struct; lib/config fills it from YAML, tests fill it directly.
#include <chrono>
#include <cstddef>
#include <string>

#include "http/http.hpp"

namespace msync::marketo {

struct Settings {
  std::string base_url;      // https://123-ABC-456.mktorest.com (REST and bulk endpoints live under it)
  std::string identity_url;  // "" means base_url + "/identity"
  std::string client_id;
  std::string client_secret;  // never logged, never in an error message
  std::string ca_file;        // optional extra trust anchors (PEM)
  http::ProxySettings proxy;  // filled by the composition root (config or environment)

  std::size_t calls_per_20s = 100;     // our share of Marketo's 100 calls per 20 s (606)
  std::size_t max_concurrent_calls = 10;  // Marketo's 10 concurrent calls (615)
  std::chrono::milliseconds call_window{20'000};  // the window calls_per_20s counts in

  std::chrono::milliseconds connect_timeout{10'000};
  std::chrono::milliseconds io_timeout{60'000};

  // A cached token with less life left than this is waited out and fetched again: Marketo hands
  // back the same token when asked before it expires, so an early refresh cannot help.
  std::chrono::milliseconds token_margin{5'000};

  // Transient failures (Action::backoff) are retried inside the client this many times in all,
  // waiting backoff_base, then twice that, ... with +-25 % jitter; then they go to the caller.
  unsigned max_attempts = 3;
  std::chrono::milliseconds backoff_base{1'000};
};

}  // namespace msync::marketo
