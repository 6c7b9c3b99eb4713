#pragma once
// The host and port of a parsed http:// or https:// URL, as both origins and proxies read them.
#include <string>
#include <string_view>

#include <boost/url/url_view.hpp>

#include "core/core.hpp"

namespace msync::http {

struct Authority {
  std::string host;              // a name or a bare IP address (no brackets)
  bool host_is_address = false;
  std::string bracketed;         // host, with brackets when it is an IPv6 address
  std::string port;              // decimal; default_port when the URL has none
};

// Callers read the authority before they look at the path: a mistyped port would otherwise be
// reported as a path. An error's message is only the reason ("has an invalid port"): the caller names the URL, so that
// it can leave out what must not be shown.
core::Result<Authority> read_authority(const boost::urls::url_view& url, std::string_view default_port);

}  // namespace msync::http
