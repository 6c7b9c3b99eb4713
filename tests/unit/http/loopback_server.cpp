#include "unit/http/loopback_server.hpp"

#include <boost/algorithm/string/predicate.hpp>
#include <boost/asio/as_tuple.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/http/read.hpp>
#include <boost/beast/http/string_body.hpp>
#include <boost/beast/ssl/ssl_stream.hpp>

namespace msync::http::test {
namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
constexpr auto as_result = asio::as_tuple(asio::use_awaitable);

}  // namespace

std::string Received::header(const std::string& name) const {
  for (const auto& [key, value] : headers) {
    if (boost::iequals(key, name)) return value;
  }
  return "";
}

std::string answer(int status, const std::string& body, const std::string& extra_headers) {
  return "HTTP/1.1 " + std::to_string(status) + " Status\r\nContent-Length: " +
         std::to_string(body.size()) + "\r\n" + extra_headers + "\r\n" + body;
}

LoopbackServer::LoopbackServer(asio::io_context& io, Script script, asio::ssl::context* tls)
    : io_(io),
      script_(std::move(script)),
      tls_(tls),
      acceptor_(io, asio::ip::tcp::endpoint(asio::ip::make_address("127.0.0.1"), 0)) {
  port_ = acceptor_.local_endpoint().port();
  asio::co_spawn(io_, accept_loop(), asio::detached);
}

std::string LoopbackServer::base_url(const std::string& host) const {
  return std::string(tls_ ? "https://" : "http://") + host + ":" + std::to_string(port_);
}

void LoopbackServer::stop() {
  boost::system::error_code ignored;
  acceptor_.close(ignored);
  for (auto* socket : open_) socket->close(ignored);
}

asio::awaitable<void> LoopbackServer::accept_loop() {
  for (;;) {
    auto [ec, socket] = co_await acceptor_.async_accept(as_result);
    if (ec) co_return;
    const int connection = accepted_++;
    if (tls_) {
      asio::co_spawn(io_, serve_tls(std::move(socket), connection), asio::detached);
    } else {
      asio::co_spawn(io_, serve_plain(std::move(socket), connection), asio::detached);
    }
  }
}

asio::awaitable<void> LoopbackServer::serve_plain(asio::ip::tcp::socket socket, int connection) {
  beast::tcp_stream stream(std::move(socket));
  co_await serve(stream, connection);
}

asio::awaitable<void> LoopbackServer::serve_tls(asio::ip::tcp::socket socket, int connection) {
  beast::ssl_stream<beast::tcp_stream> stream(std::move(socket), *tls_);
  open_.insert(&beast::get_lowest_layer(stream).socket());
  auto [ec] = co_await stream.async_handshake(asio::ssl::stream_base::server, as_result);
  open_.erase(&beast::get_lowest_layer(stream).socket());
  if (ec) co_return;  // the client refused our certificate
  co_await serve(stream, connection);
}

template <class Stream>
asio::awaitable<void> LoopbackServer::serve(Stream& stream, int connection) {
  auto& socket = beast::get_lowest_layer(stream).socket();
  open_.insert(&socket);
  beast::flat_buffer buffer;
  for (int index = 0;; ++index) {
    beast::http::request<beast::http::string_body> request;
    auto [read_ec, read] = co_await beast::http::async_read(stream, buffer, request, as_result);
    if (read_ec) break;
    Received received{std::string(request.method_string()), std::string(request.target()), {},
                      request.body(), connection, index};
    for (const auto& field : request) {
      received.headers.emplace_back(std::string(field.name_string()), std::string(field.value()));
    }
    received_.push_back(received);
    const Reply reply = script_(received);
    if (!reply.bytes.empty()) {
      auto [write_ec, written] = co_await asio::async_write(stream, asio::buffer(reply.bytes), as_result);
      if (write_ec) break;
    }
    if (reply.hang) {
      // Returns once the client closes its end (or stop() closes ours).
      beast::http::request<beast::http::string_body> never;
      co_await beast::http::async_read(stream, buffer, never, as_result);
      break;
    }
    if (reply.close_after) break;
  }
  open_.erase(&socket);
  boost::system::error_code ignored;
  socket.close(ignored);
}

}  // namespace msync::http::test
