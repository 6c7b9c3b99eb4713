// Any bytes as what a client sends the health endpoint: Beast's parser with the server's own
// limits (request_reading.hpp), then the router, as one connection's first request is handled.
// Nothing crashes; a read that fails is answered 400/431/413 or the connection is just closed; a
// parsed request is answered with a status the router knows, and the request counter's label is
// one of the five routes or "other", never the raw target (an unbounded label set would grow the
// metrics without limit).
#include <boost/asio/buffer.hpp>
#include <boost/beast/http/error.hpp>

#include <cstdint>
#include <set>
#include <string>

#include "fuzz/fuzz_check.hpp"
#include "health/health.hpp"
#include "health/request_reading.hpp"
#include "health/router.hpp"

namespace {

using namespace msync;
using fuzz::require;
namespace http = boost::beast::http;

health::Endpoints endpoints() {
  health::Endpoints out;
  out.readiness = [] { return health::Readiness{false, "quota paused until\n\"midnight\""}; };
  out.status_json = [] { return core::Result<std::string>(std::string("{\"syncs\":[]}")); };
  return out;
}

// Feeds the whole input as one read would: Beast needs a complete header in one buffer, so
// need_more with everything given means the client stopped sending.
boost::system::error_code parse(health::detail::RequestParser& parser, boost::asio::const_buffer input) {
  boost::system::error_code ec;
  while (!parser.is_done()) {
    const std::size_t used = parser.put(input, ec);
    input += used;
    if (ec == http::error::need_more || (!ec && used == 0)) {
      parser.put_eof(ec);
      break;
    }
    if (ec) break;
  }
  return ec;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const health::ServerOptions options;
  static const health::Endpoints kEndpoints = endpoints();
  static health::MetricsRegistry metrics;
  static const std::set<unsigned> kStatuses = {200, 404, 405, 503};
  static const std::set<std::string> kLabels = {"/livez", "/readyz", "/healthz", "/status", "/metrics", "other"};

  health::detail::RequestParser parser;
  health::detail::bound(parser, options);
  const auto ec = parse(parser, boost::asio::const_buffer(data, size));
  if (ec) {
    const unsigned status = health::detail::status_for_read_error(ec);
    require(status == 0 || status == 400 || status == 413 || status == 431);
    if (status) require(health::detail::read_error_reply(status).status == status);
    return 0;
  }
  require(parser.is_done());
  const auto& request = parser.get();
  const health::detail::Reply reply =
      health::detail::route(request.method_string(), request.target(), kEndpoints, metrics);
  require(kStatuses.count(reply.status) == 1);
  require(kLabels.count(reply.path) == 1);
  if (reply.status == 405) require(reply.allow == "GET, HEAD");
  return 0;
}
