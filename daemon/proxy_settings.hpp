#pragma once
// Which proxy the Marketo clients use: the configuration's `marketo.proxy` when given (`none` or
// empty: no proxy), else the environment as curl reads it: https_proxy / HTTPS_PROXY for https://
// origins, http_proxy / HTTP_PROXY for http:// origins (the lower-case spelling wins), and
// no_proxy / NO_PROXY exempting origins in either case. The composition root is the only reader
// of these variables; lib/http receives the result as plain settings.
#include "config/config.hpp"
#include "http/http.hpp"

namespace msync::daemon {

http::ProxySettings proxy_settings(const config::MarketoSettings& marketo, const config::Environment& environment);

// The proxy that proxy_settings() gives each Marketo origin (base_url's, identity_url's) parses, so
// that a bad one stops the daemon at start-up instead of failing every call. The error names where
// the URL came from (marketo.proxy, or the variable), since the URL itself is shown redacted.
core::Status check_proxy(const config::MarketoSettings& marketo, const config::Environment& environment);

}  // namespace msync::daemon
