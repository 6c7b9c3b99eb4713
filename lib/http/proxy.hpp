#pragma once
// The HTTP proxy a client goes through, parsed from a proxy URL, and the choice of proxy for an
// origin (NO_PROXY included).
#include <optional>
#include <string>
#include <string_view>

#include "core/core.hpp"
#include "http/http.hpp"
#include "http/origin.hpp"

namespace msync::http {

struct Proxy {
  std::string host;              // a name or a bare IP address (no brackets)
  bool host_is_address = false;
  std::string port;              // decimal; 1080 when the URL has none, as curl does
  std::string authorization;     // "Basic ..." when the URL has user info, else "": never logged
  std::string name;              // http://host:port, without the credentials: for messages
};

// Accepts http://[user[:password]@]host[:port][/] and, as curl does, the same without a scheme.
// The user and password are percent-decoded. Errors never show the credentials.
core::Result<Proxy> parse_proxy(std::string_view url);

// The URL with any user info replaced by "***", for messages about a URL that did not parse.
std::string redact_proxy_url(std::string_view url);

// Whether NO_PROXY's list exempts the origin: comma-separated entries, each `*` (everything), a
// host name matching itself and its subdomains (a leading dot is optional), or an IP address
// matching that address; a `:port` on an entry is ignored, as curl does. Case-insensitive.
bool bypasses_proxy(std::string_view no_proxy, const Origin& origin);

// The proxy for the origin, or nullopt for a direct connection.
core::Result<std::optional<Proxy>> choose_proxy(const ProxySettings& settings, const Origin& origin);

}  // namespace msync::http
