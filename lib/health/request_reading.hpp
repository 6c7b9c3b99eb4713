#pragma once
// How the health server reads one request: Beast's parser bounded by the server's limits, and the
// answer to a read that failed. Apart from the session so that the fuzz target drives the very
// same parser settings and error answers without a socket.
#include <boost/beast/http/parser.hpp>
#include <boost/beast/http/string_body.hpp>
#include <boost/system/error_code.hpp>

#include "health/reply.hpp"
#include "health/server_options.hpp"

namespace msync::health::detail {

using RequestParser = boost::beast::http::request_parser<boost::beast::http::string_body>;

// Applies the header and body limits of `options` to a fresh parser.
void bound(RequestParser& parser, const ServerOptions& options);

// The status to answer a failed read with (431, 413, 400); 0: just close (client gone, timeout,
// shutdown, a request cut short).
unsigned status_for_read_error(const boost::system::error_code& ec);

// The short text answer for one of those statuses.
Reply read_error_reply(unsigned status);

}  // namespace msync::health::detail
