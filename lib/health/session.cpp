// One HTTP/1.1 connection of the health server.
#include <boost/asio/as_tuple.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/http/error.hpp>
#include <boost/beast/http/read.hpp>
#include <boost/beast/http/string_body.hpp>
#include <boost/beast/http/write.hpp>

#include "health/request_reading.hpp"
#include "health/router.hpp"
#include "health/server_state.hpp"

namespace msync::health::detail {
namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
constexpr auto as_result = asio::as_tuple(asio::use_awaitable);

// Keeps ServerState's bookkeeping right however the coroutine ends.
class Registration {
 public:
  Registration(ServerState& state, asio::ip::tcp::socket& socket) : state_(state), socket_(socket) {
    state_.open.insert(&socket_);
  }
  ~Registration() {
    state_.open.erase(&socket_);
    --state_.active;
  }
  Registration(const Registration&) = delete;
  Registration& operator=(const Registration&) = delete;

 private:
  ServerState& state_;
  asio::ip::tcp::socket& socket_;
};

asio::awaitable<boost::system::error_code> send(ServerState& state, beast::tcp_stream& stream,
                                                const Reply& reply, unsigned version,
                                                bool keep_alive, bool head) {
  http::response<http::string_body> response{static_cast<http::status>(reply.status), version};
  response.set(http::field::content_type, reply.content_type);
  response.set(http::field::cache_control, "no-store");
  if (!reply.allow.empty()) response.set(http::field::allow, reply.allow);
  response.keep_alive(keep_alive);
  response.content_length(reply.body.size());
  // HEAD: the GET answer's headers, Content-Length included, and no body.
  if (!head) response.body() = reply.body;
  stream.expires_after(state.options.write_timeout);
  auto [ec, written] = co_await http::async_write(stream, response, as_result);
  co_return ec;
}

}  // namespace

asio::awaitable<void> serve_connection(std::shared_ptr<ServerState> state,
                                       asio::ip::tcp::socket socket) {
  beast::tcp_stream stream(std::move(socket));
  Registration registration(*state, stream.socket());
  if (state->stopping) co_return;
  const auto& options = state->options;
  // Bounded so that neither a huge header nor a pipelined flood can grow it.
  beast::flat_buffer buffer(options.max_header_bytes + options.max_body_bytes + 1024);
  for (;;) {
    RequestParser parser;
    bound(parser, options);
    stream.expires_after(options.read_timeout);
    auto [ec, read] = co_await http::async_read(stream, buffer, parser, as_result);
    if (state->stopping) co_return;
    if (ec) {
      if (const unsigned status = status_for_read_error(ec)) {
        count_request(*state, "other", status);
        co_await send(*state, stream, read_error_reply(status), 11, false, false);
      }
      break;
    }
    const auto& request = parser.get();
    const Reply reply = route(request.method_string(), request.target(), state->endpoints,
                              state->metrics);
    count_request(*state, reply.path, reply.status);
    const bool keep_alive = request.keep_alive();
    const bool head = request.method() == http::verb::head;
    const auto sent = co_await send(*state, stream, reply, request.version(), keep_alive, head);
    if (sent || !keep_alive || state->stopping) break;
  }
  boost::system::error_code ignored;
  stream.socket().shutdown(asio::ip::tcp::socket::shutdown_send, ignored);
}

}  // namespace msync::health::detail
