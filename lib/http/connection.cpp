#include "http/connection.hpp"

#include <array>

namespace msync::http {
namespace {

constexpr std::size_t read_capacity = 64 * 1024;

std::variant<Connection::PlainStream, Connection::TlsStream> make_stream(
    const boost::asio::any_io_executor& executor, boost::asio::ssl::context* tls_context) {
  if (tls_context == nullptr) {
    return std::variant<Connection::PlainStream, Connection::TlsStream>(
        std::in_place_type<Connection::PlainStream>, executor);
  }
  return std::variant<Connection::PlainStream, Connection::TlsStream>(
      std::in_place_type<Connection::TlsStream>, executor, *tls_context);
}

}  // namespace

Connection::Connection(const boost::asio::any_io_executor& executor,
                       boost::asio::ssl::context* tls_context)
    : stream_(make_stream(executor, tls_context)) {
  // Beast sizes each socket read by the buffer's free capacity (at least 512 bytes, at most 64 KiB);
  // without room reserved up front, a body would arrive 512 bytes per read.
  buffer_.reserve(read_capacity);
}

boost::beast::tcp_stream& Connection::tcp() {
  return visit([](auto& stream) -> boost::beast::tcp_stream& {
    return boost::beast::get_lowest_layer(stream);
  });
}

bool Connection::idle_and_open() {
  auto& socket = tcp().socket();
  if (!socket.is_open() || buffer_.size() != 0) return false;
  boost::system::error_code ec;
  socket.non_blocking(true, ec);
  if (ec) return false;
  std::array<char, 1> byte{};
  socket.receive(boost::asio::buffer(byte), boost::asio::socket_base::message_peek, ec);
  const bool quiet = ec == boost::asio::error::would_block;
  socket.non_blocking(false, ec);
  return quiet && !ec;
}

void Connection::close() { tcp().close(); }

}  // namespace msync::http
