#pragma once
// Turns a failed step of an exchange into a core::Error that names the step and the origin and
// says whether trying again may help.
#include <string_view>

#include <boost/system/error_code.hpp>

#include "core/core.hpp"
#include "http/origin.hpp"
#include "http/proxy.hpp"

namespace msync::http {

// tunnel: the proxy's answer to CONNECT (resolve and connect then mean the proxy's).
enum class Step { resolve, connect, tunnel, handshake, write, read };

struct StepFailure {
  Step step = Step::read;
  boost::system::error_code ec;
  long verify_result = 0;  // the TLS peer verification result (X509_V_OK = 0) for a handshake
  bool closed = false;     // Client::close() was called during the exchange
  unsigned proxy_status = 0;  // for Step::tunnel: the proxy's answer to CONNECT (0: none came)
};

// The connection was found closed by the peer: a stale kept-alive connection looks like this.
bool peer_closed(const boost::system::error_code& ec);

// request_line is "METHOD /path" (no query: it may carry secrets). proxy is the one the exchange
// went through, or null; the message names it by Proxy::name, never with its credentials.
core::Error transport_error(const Origin& origin, const Proxy* proxy, std::string_view request_line,
                            const StepFailure& failure);

}  // namespace msync::http
