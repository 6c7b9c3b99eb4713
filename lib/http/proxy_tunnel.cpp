#include "http/proxy_tunnel.hpp"

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/beast/http/empty_body.hpp>
#include <boost/beast/http/parser.hpp>
#include <boost/beast/http/read.hpp>
#include <boost/beast/http/write.hpp>
#include <openssl/x509_vfy.h>

namespace msync::http {
namespace {

namespace beast_http = boost::beast::http;

constexpr auto as_result = boost::asio::as_tuple(boost::asio::use_awaitable);
constexpr std::uint32_t header_limit = 16 * 1024;

StepFailure tunnel_failure(const boost::system::error_code& ec, unsigned status = 0) {
  StepFailure failure;
  failure.step = Step::tunnel;
  failure.ec = ec;
  failure.verify_result = X509_V_OK;
  failure.proxy_status = status;
  return failure;
}

}  // namespace

boost::asio::awaitable<std::optional<StepFailure>> open_tunnel(Connection& connection, const Proxy& proxy,
                                                               const Origin& origin,
                                                               std::chrono::steady_clock::time_point deadline) {
  beast_http::request<beast_http::empty_body> request(beast_http::verb::connect, origin.authority, 11);
  request.set(beast_http::field::host, origin.authority);
  if (!proxy.authorization.empty()) request.set(beast_http::field::proxy_authorization, proxy.authorization);

  auto& tcp = connection.tcp();
  tcp.expires_at(deadline);
  auto [write_ec, written] = co_await beast_http::async_write(tcp, request, as_result);
  if (write_ec) co_return tunnel_failure(write_ec);

  beast_http::response_parser<beast_http::empty_body> parser;
  parser.header_limit(header_limit);
  // A 2xx to CONNECT has no body: what follows is the tunnel. A refusal's body is not read at all,
  // since the connection is dropped.
  parser.skip(true);
  tcp.expires_at(deadline);
  auto [read_ec, read] = co_await beast_http::async_read_header(tcp, connection.buffer(), parser, as_result);
  if (read_ec) co_return tunnel_failure(read_ec);
  const unsigned status = parser.get().result_int();
  if (status < 200 || status > 299) {
    const StepFailure refused = tunnel_failure(boost::system::error_code(), status);
    co_return refused;
  }
  // The origin speaks only when spoken to (TLS waits for our hello, HTTP for our request), so
  // bytes already here came from the proxy and would corrupt the stream.
  if (connection.buffer().size() != 0) {
    const StepFailure spoken = tunnel_failure(beast_http::error::unexpected_body);
    co_return spoken;
  }
  co_return std::nullopt;
}

}  // namespace msync::http
