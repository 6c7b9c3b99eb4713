#include "http/transport_error.hpp"

#include <boost/asio/error.hpp>
#include <boost/asio/ssl/error.hpp>
#include <boost/beast/core/error.hpp>
#include <boost/beast/http/error.hpp>
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

Judgement judge(const StepFailure& failure) {
  const auto& ec = failure.ec;
  if (failure.closed || ec == boost::asio::error::operation_aborted) {
    return {"cancelled", core::ErrorKind::cancelled};
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
    return {"connection closed by the server (" + ec.message() + ")", core::ErrorKind::transient};
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

core::Error transport_error(const Origin& origin, std::string_view request_line,
                            const StepFailure& failure) {
  auto [detail, kind] = judge(failure);
  return core::make_error(fmt::format("http: {} {} failed: {} [{}]", step_name(failure.step),
                                      origin.name, detail, request_line),
                          kind);
}

}  // namespace msync::http
