#pragma once
// One TCP connection to the origin, plain or TLS, with the read buffer that belongs to it.
#include <variant>

#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/ssl/context.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/ssl/ssl_stream.hpp>

namespace msync::http {

class Connection {
 public:
  using PlainStream = boost::beast::tcp_stream;
  using TlsStream = boost::beast::ssl_stream<boost::beast::tcp_stream>;

  // A TLS connection when tls_context is given, a plain one otherwise.
  Connection(const boost::asio::any_io_executor& executor, boost::asio::ssl::context* tls_context);

  boost::beast::tcp_stream& tcp();
  TlsStream* tls() { return std::get_if<TlsStream>(&stream_); }
  boost::beast::flat_buffer& buffer() { return buffer_; }

  // Calls f with the stream, whichever kind it is; f returns the same type for both.
  template <class F>
  decltype(auto) visit(F&& f) {
    return std::visit(static_cast<F&&>(f), stream_);
  }

  // True once an exchange completed on this connection and it was kept alive.
  bool reused() const { return reused_; }
  void mark_reused() { reused_ = true; }

  // An idle kept-alive connection is worth reusing only while the peer has neither closed it nor
  // sent anything unasked (a TLS close_notify, for one); a non-blocking peek tells without waiting.
  bool idle_and_open();

  void close();

 private:
  std::variant<PlainStream, TlsStream> stream_;
  boost::beast::flat_buffer buffer_;
  bool reused_ = false;
};

}  // namespace msync::http
