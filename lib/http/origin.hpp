#pragma once
// The one origin a client talks to, parsed from ClientOptions::base_url.
#include <string>
#include <string_view>

#include "core/core.hpp"

namespace msync::http {

struct Origin {
  bool tls = false;
  std::string host;         // what to resolve and verify: a name or a bare IP address (no brackets)
  bool host_is_address = false;  // IP literals get no SNI and are checked against IP SANs
  std::string port;         // decimal
  std::string host_header;  // the Host header: host, plus :port when it is not the scheme's default
  std::string name;         // scheme://host:port, for messages
  std::string authority;    // host:port, an IPv6 host in brackets: what a proxy's CONNECT names
};

// Accepts http:// and https:// with a host and an optional port; anything else (user info, a path
// other than "/", a query, a fragment) is a permanent error.
core::Result<Origin> parse_origin(std::string_view base_url);

}  // namespace msync::http
