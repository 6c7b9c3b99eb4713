#include "health/request_reading.hpp"

#include <boost/beast/http/error.hpp>

namespace msync::health::detail {

namespace http = boost::beast::http;

void bound(RequestParser& parser, const ServerOptions& options) {
  parser.header_limit(static_cast<std::uint32_t>(options.max_header_bytes));
  parser.body_limit(options.max_body_bytes);
}

unsigned status_for_read_error(const boost::system::error_code& ec) {
  if (ec == http::error::header_limit || ec == http::error::buffer_overflow) return 431;
  if (ec == http::error::body_limit) return 413;
  if (ec == http::error::end_of_stream || ec == http::error::partial_message) return 0;
  if (ec.category() == http::make_error_code(http::error::bad_method).category()) return 400;
  return 0;
}

Reply read_error_reply(unsigned status) {
  const char* text = status == 431   ? "request header too large\n"
                     : status == 413 ? "request body not accepted\n"
                                     : "bad request\n";
  return Reply{status, "text/plain; charset=utf-8", text, {}, "other"};
}

}  // namespace msync::health::detail
