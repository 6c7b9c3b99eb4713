#pragma once
// The CONNECT step through an HTTP proxy: on a TCP connection to the proxy, ask for a tunnel to the
// origin and require a 2xx. TLS (when the origin is https) then runs inside the tunnel with the
// origin's name, so SNI and certificate checks concern the origin and never the proxy.
//
// Plain http:// origins go through the same tunnel rather than absolute-form requests: one code
// path for both, and keep-alive works the same way. A proxy must therefore allow CONNECT to the
// origin's port (Marketo's 443 always is; a proxy limiting CONNECT to 443 refuses http:// origins
// on other ports with 403, which the error says).
#include <chrono>
#include <optional>

#include <boost/asio/awaitable.hpp>

#include "http/connection.hpp"
#include "http/origin.hpp"
#include "http/proxy.hpp"
#include "http/transport_error.hpp"

namespace msync::http {

// Writes `CONNECT authority HTTP/1.1` (with Host, and Proxy-Authorization when the proxy has
// credentials) and reads the answer's header before the deadline. A non-2xx answer comes back as a
// Step::tunnel failure carrying the status; so does any byte the proxy sends past its 2xx header.
boost::asio::awaitable<std::optional<StepFailure>> open_tunnel(Connection& connection, const Proxy& proxy,
                                                               const Origin& origin,
                                                               std::chrono::steady_clock::time_point deadline);

}  // namespace msync::http
