#include "http/transport_error.hpp"

#include <boost/asio/error.hpp>
#include <boost/asio/ssl/error.hpp>
#include <boost/beast/core/error.hpp>
#include <boost/beast/http/error.hpp>
#include <boost/beast/http/status.hpp>
#include <fmt/format.h>
#include <openssl/ssl.h>
#include <openssl/x509_vfy.h>

namespace msync::http {
namespace {

namespace beast_http = boost::beast::http;

std::string_view step_name(Step step) {
  switch (step) {
    case Step::resolve: return "resolve";
    case Step::connect: return "connect";
    case Step::tunnel: return "CONNECT";
    case Step::handshake: return "TLS handshake";
    case Step::write: return "write";
    case Step::read: return "read";
  }
  return "exchange";
}

bool is_verify_failure(const boost::system::error_code& ec) {
  return ec.category() == boost::asio::error::get_ssl_category() &&
         ERR_GET_REASON(static_cast<unsigned long>(ec.value())) == SSL_R_CERTIFICATE_VERIFY_FAILED;
}

struct Judgement {
  std::string detail;
  core::ErrorKind kind;
};

// The proxy answered CONNECT with something other than 2xx. Credentials and policy are settings
// to fix (permanent); a proxy that cannot reach the origin or is overloaded may recover (transient).
Judgement judge_refusal(const Origin& origin, const Proxy* proxy, unsigned status) {
  const std::string code = fmt::format(
      "{} {}", status, std::string_view(beast_http::obsolete_reason(beast_http::int_to_status(status))));
  if (status == 407) {
    const bool sent_credentials = proxy != nullptr && !proxy->authorization.empty();
    return {sent_credentials ? "the proxy refused its user and password (" + code + ")"
                             : "the proxy asks for credentials (" + code +
                                   "): give them in the proxy URL as http://USER:PASSWORD@HOST:PORT",
            core::ErrorKind::permanent};
  }
  if (status == 403) {
    return {"the proxy does not allow a tunnel to " + origin.authority + " (" + code + ")",
            core::ErrorKind::permanent};
  }
  if (status >= 500) {
    return {"the proxy could not reach " + origin.authority + " (" + code + ")", core::ErrorKind::transient};
  }
  return {"the proxy refused the tunnel (" + code + ")", core::ErrorKind::permanent};
}

Judgement judge(const Origin& origin, const Proxy* proxy, const StepFailure& failure) {
  const auto& ec = failure.ec;
  if (failure.closed || ec == boost::asio::error::operation_aborted) {
    return {"cancelled", core::ErrorKind::cancelled};
  }
  if (failure.step == Step::tunnel && failure.proxy_status != 0) {
    return judge_refusal(origin, proxy, failure.proxy_status);
  }
  if (ec == boost::beast::error::timeout) return {"timed out", core::ErrorKind::transient};
  if (failure.step == Step::handshake) {
    if (failure.verify_result == X509_V_ERR_HOSTNAME_MISMATCH ||
        failure.verify_result == X509_V_ERR_IP_ADDRESS_MISMATCH) {
      return {"host name did not match the server's certificate", core::ErrorKind::permanent};
    }
    if (failure.verify_result != X509_V_OK) {
      return {fmt::format("the server's certificate was not trusted ({})",
                          X509_verify_cert_error_string(failure.verify_result)),
              core::ErrorKind::permanent};
    }
    if (is_verify_failure(ec)) {
      return {"the server's certificate was not trusted", core::ErrorKind::permanent};
    }
  }
  // A misbehaving server, not a setting of ours: the call is tried again later, the daemon goes on.
  if (ec == beast_http::error::header_limit) {
    return {"the answer's header is too large", core::ErrorKind::transient};
  }
  if (peer_closed(ec) || ec == beast_http::error::partial_message) {
    const std::string_view who = failure.step == Step::tunnel ? "the proxy" : "the server";
    return {fmt::format("connection closed by {} ({})", who, ec.message()), core::ErrorKind::transient};
  }
  if (ec.category() == beast_http::make_error_code(beast_http::error::bad_version).category()) {
    return {"malformed answer (" + ec.message() + ")", core::ErrorKind::transient};
  }
  return {ec.message(), core::ErrorKind::transient};
}

}  // namespace

bool peer_closed(const boost::system::error_code& ec) {
  return ec == beast_http::error::end_of_stream || ec == boost::asio::error::eof ||
         ec == boost::asio::error::connection_reset || ec == boost::asio::error::broken_pipe ||
         ec == boost::asio::error::connection_aborted ||
         ec == boost::asio::ssl::error::stream_truncated;
}

core::Error transport_error(const Origin& origin, const Proxy* proxy, std::string_view request_line,
                            const StepFailure& failure) {
  auto [detail, kind] = judge(origin, proxy, failure);
  std::string what;
  if (proxy == nullptr) {
    what = origin.name;
  } else if (failure.step == Step::resolve || failure.step == Step::connect) {
    what = fmt::format("proxy {} for {}", proxy->name, origin.name);
  } else if (failure.step == Step::tunnel) {
    what = fmt::format("to {} via proxy {}", origin.authority, proxy->name);
  } else {
    what = fmt::format("{} via proxy {}", origin.name, proxy->name);
  }
  return core::make_error(
      fmt::format("http: {} {} failed: {} [{}]", step_name(failure.step), what, detail, request_line), kind);
}

}  // namespace msync::http
