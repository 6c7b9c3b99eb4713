#include "server/server.hpp"

#include <fcntl.h>
#include <sys/sendfile.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <optional>
#include <stdexcept>
#include <type_traits>
#include <utility>
#include <vector>

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/ssl.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>

#include "server/dispatcher.hpp"
#include "server/fault_injector.hpp"
#include "server/request_log.hpp"

namespace fake {
namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
using tcp = asio::ip::tcp;
using error_code = boost::system::error_code;
template <class T>
using awaitable = asio::awaitable<T>;
constexpr auto use_tuple = asio::as_tuple(asio::use_awaitable);

constexpr std::uint32_t header_limit = 16 * 1024;
constexpr std::uint64_t body_limit = 32ull << 20;  // imports are below 10 MB, multipart adds little
constexpr std::uint64_t read_chunk = 1ull << 20;   // TLS path: 1 MiB per read + write
constexpr std::uint64_t sendfile_chunk = 64ull << 20;
constexpr auto idle_timeout = std::chrono::seconds(120);
constexpr auto handshake_timeout = std::chrono::seconds(30);

struct Sent {
  std::uint64_t body_bytes = 0;
  bool ok = false;
};

class FileDescriptor {
 public:
  explicit FileDescriptor(const std::string& path) : fd_(::open(path.c_str(), O_RDONLY | O_CLOEXEC)) {}
  ~FileDescriptor() {
    if (fd_ >= 0) ::close(fd_);
  }
  FileDescriptor(const FileDescriptor&) = delete;
  FileDescriptor& operator=(const FileDescriptor&) = delete;
  int get() const { return fd_; }

 private:
  int fd_;
};

error_code last_errno() { return error_code(errno, boost::system::system_category()); }

// Plain TCP: the kernel copies file pages straight into the socket.
awaitable<std::pair<std::uint64_t, error_code>> send_file(beast::tcp_stream& stream, int fd,
                                                          std::uint64_t offset, std::uint64_t length) {
  auto& socket = stream.socket();
  error_code ec;
  socket.native_non_blocking(true, ec);
  if (ec) co_return std::pair{std::uint64_t{0}, ec};
  auto position = static_cast<off_t>(offset);
  std::uint64_t sent = 0;
  while (sent < length) {
    const auto want = static_cast<std::size_t>(std::min(length - sent, sendfile_chunk));
    const ssize_t n = ::sendfile(socket.native_handle(), fd, &position, want);
    if (n > 0) {
      sent += static_cast<std::uint64_t>(n);
    } else if (n == 0) {
      co_return std::pair{sent, error_code(asio::error::eof)};  // the file is shorter than its slice
    } else if (errno == EAGAIN || errno == EWOULDBLOCK) {
      auto [wait_ec] = co_await socket.async_wait(tcp::socket::wait_write, use_tuple);
      if (wait_ec) co_return std::pair{sent, wait_ec};
    } else if (errno != EINTR) {
      co_return std::pair{sent, last_errno()};
    }
  }
  co_return std::pair{sent, error_code{}};
}

// TLS: read big chunks and let the stream encrypt them.
template <class Stream>
awaitable<std::pair<std::uint64_t, error_code>> copy_file(Stream& stream, int fd, std::uint64_t offset,
                                                          std::uint64_t length) {
  std::vector<char> buffer(static_cast<std::size_t>(std::min(length, read_chunk)));
  std::uint64_t sent = 0;
  while (sent < length) {
    const auto want = static_cast<std::size_t>(std::min<std::uint64_t>(length - sent, buffer.size()));
    const ssize_t n = ::pread(fd, buffer.data(), want, static_cast<off_t>(offset + sent));
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) co_return std::pair{sent, n == 0 ? error_code(asio::error::eof) : last_errno()};
    beast::get_lowest_layer(stream).expires_after(idle_timeout);
    auto [ec, written] =
        co_await asio::async_write(stream, asio::buffer(buffer.data(), static_cast<std::size_t>(n)), use_tuple);
    sent += written;
    if (ec) co_return std::pair{sent, ec};
  }
  co_return std::pair{sent, error_code{}};
}

template <class Message>
void copy_headers(Message& message, const HttpResponse& response, bool keep_alive) {
  message.result(response.status);
  for (const auto& [name, value] : response.headers) message.set(name, value);
  message.set(http::field::server, "fake-marketo");
  message.keep_alive(keep_alive);
}

template <class Stream>
awaitable<Sent> write_body(Stream& stream, const HttpResponse& response, bool keep_alive, unsigned version) {
  http::response<http::string_body> message{http::status::ok, version};
  copy_headers(message, response, keep_alive);
  message.body() = response.body;
  message.prepare_payload();
  beast::get_lowest_layer(stream).expires_after(idle_timeout);
  auto [ec, n] = co_await http::async_write(stream, message, use_tuple);
  co_return Sent{ec ? 0 : response.body.size(), !ec};
}

template <class Stream>
awaitable<Sent> write_answer(Stream& stream, const Answer& answer, bool keep_alive, unsigned version) {
  const auto& response = answer.response;
  if (!response.file) co_return co_await write_body(stream, response, keep_alive, version);

  const auto& slice = *response.file;
  FileDescriptor file(slice.path);
  if (file.get() < 0) {
    HttpResponse failure{500, {{"Content-Type", "text/plain"}}, "export file unreadable\n", {}, {}, {}};
    co_return co_await write_body(stream, failure, keep_alive, version);
  }
  http::response<http::empty_body> head{http::status::ok, version};
  copy_headers(head, response, keep_alive);
  head.content_length(slice.length);
  http::response_serializer<http::empty_body> serializer{head};
  beast::get_lowest_layer(stream).expires_after(idle_timeout);
  auto [ec, n] = co_await http::async_write_header(stream, serializer, use_tuple);
  if (ec) co_return Sent{0, false};

  const auto length = answer.cut_after ? std::min(*answer.cut_after, slice.length) : slice.length;
  std::pair<std::uint64_t, error_code> result;
  if constexpr (std::is_same_v<Stream, beast::tcp_stream>) {
    result = co_await send_file(stream, file.get(), slice.offset, length);
  } else {
    result = co_await copy_file(stream, file.get(), slice.offset, length);
  }
  if (answer.cut_after) {
    // The fault: a connection that dies mid-body, as a proxy or a network would leave it.
    error_code ignored;
    beast::get_lowest_layer(stream).socket().shutdown(tcp::socket::shutdown_both, ignored);
    beast::get_lowest_layer(stream).socket().close(ignored);
    co_return Sent{result.first, false};
  }
  co_return Sent{result.first, !result.second};
}

// --misbehave header-flood: a status line, then one header line that never ends, until `limit`
// bytes or the client hangs up. body_bytes counts the header bytes the client took.
template <class Stream>
awaitable<Sent> flood_header(Stream& stream, std::uint64_t limit) {
  std::string chunk = "HTTP/1.1 200 OK\r\nX-Flood: ";
  chunk.resize(64 * 1024, 'a');
  std::uint64_t sent = 0;
  while (sent < limit) {
    beast::get_lowest_layer(stream).expires_after(idle_timeout);
    auto [ec, n] = co_await asio::async_write(stream, asio::buffer(chunk), use_tuple);
    sent += n;
    if (ec) break;
    chunk.assign(chunk.size(), 'a');
  }
  co_return Sent{sent, false};
}

// --misbehave body-longer: bytes past the Content-Length just sent.
template <class Stream>
awaitable<Sent> write_trailing(Stream& stream, Sent sent, const std::string& trailing) {
  auto [ec, n] = co_await asio::async_write(stream, asio::buffer(trailing), use_tuple);
  co_return Sent{sent.body_bytes + n, !ec};
}

HttpRequest to_simulator(http::request<http::string_body>&& message) {
  HttpRequest request;
  request.method = std::string(message.method_string());
  request.target = std::string(message.target());
  for (const auto& field : message) {
    request.headers.emplace_back(std::string(field.name_string()), std::string(field.value()));
  }
  request.body = std::move(message.body());
  return request;
}

bool is_loopback(const asio::ip::address& address) {
  if (address.is_v6() && address.to_v6().is_v4_mapped())
    return asio::ip::make_address_v4(asio::ip::v4_mapped, address.to_v6()).is_loopback();
  return address.is_loopback();
}

bool is_parse_error(const error_code& ec) {
  return ec.category() == http::make_error_code(http::error::bad_target).category() &&
         ec != http::error::end_of_stream && ec != http::error::partial_message;
}

}  // namespace

struct Server::Impl : std::enable_shared_from_this<Server::Impl> {
  Impl(asio::io_context& io, Simulator& simulator, const ServerOptions& options)
      : acceptor(io),
        faults(options.fault_seed),
        log(options.request_log),
        dispatcher(simulator, faults, log) {
    faults.set_spec(options.faults);
    dispatcher.set_misbehaviour(options.misbehave);
  }

  tcp::acceptor acceptor;
  std::optional<asio::ssl::context> tls;
  FaultInjector faults;
  RequestLog log;
  Dispatcher dispatcher;

  template <class Stream>
  awaitable<void> serve(Stream& stream, bool loopback) {
    beast::flat_buffer buffer;
    while (true) {
      http::request_parser<http::string_body> parser;
      parser.header_limit(header_limit);
      parser.body_limit(body_limit);
      beast::get_lowest_layer(stream).expires_after(idle_timeout);
      auto [ec, n] = co_await http::async_read_header(stream, buffer, parser, use_tuple);
      if (!ec && beast::iequals(parser.get()[http::field::expect], "100-continue")) {
        http::response<http::empty_body> proceed{http::status::continue_, parser.get().version()};
        std::tie(ec, n) = co_await http::async_write(stream, proceed, use_tuple);
      }
      if (!ec && !parser.is_done()) std::tie(ec, n) = co_await http::async_read(stream, buffer, parser, use_tuple);
      if (ec) {
        if (is_parse_error(ec)) co_await reject(stream, ec);
        co_return;
      }
      const bool keep_alive = parser.get().keep_alive();
      const unsigned version = parser.get().version();
      const HttpRequest request = to_simulator(parser.release());

      const FaultDecision decision = dispatcher.plan(request);
      if (decision.stall.count() > 0) {
        asio::steady_timer timer(co_await asio::this_coro::executor, decision.stall);
        co_await timer.async_wait(use_tuple);
      }
      const Answer answer = dispatcher.respond(request, decision, loopback);
      Sent sent;
      if (answer.raw.header_flood != 0) {
        sent = co_await flood_header(stream, answer.raw.header_flood);
      } else {
        sent = co_await write_answer(stream, answer, keep_alive, version);
        if (sent.ok && !answer.raw.trailing.empty()) sent = co_await write_trailing(stream, sent, answer.raw.trailing);
      }
      dispatcher.record(request, answer, sent.body_bytes);
      if (!sent.ok || !keep_alive) co_return;
    }
  }

  template <class Stream>
  awaitable<void> reject(Stream& stream, const error_code& why) {
    Answer answer;
    answer.response = HttpResponse{400, {{"Content-Type", "text/plain"}}, "bad request: " + why.message() + "\n", {}, {}, {}};
    const Sent sent = co_await write_body(stream, answer.response, false, 11);
    dispatcher.record(HttpRequest{"-", "-", {}, {}}, answer, sent.body_bytes);
    // Lingering close: closing with unread input would reset the connection and could destroy
    // the 400 before the peer reads it. Stop sending, then swallow input for a bounded while.
    auto& socket = beast::get_lowest_layer(stream).socket();
    error_code ec;
    socket.shutdown(tcp::socket::shutdown_send, ec);
    beast::get_lowest_layer(stream).expires_after(std::chrono::seconds(2));
    std::vector<char> sink(64 * 1024);
    for (std::size_t total = 0; !ec && total < (8u << 20);) {
      std::size_t n = 0;
      std::tie(ec, n) = co_await beast::get_lowest_layer(stream).async_read_some(asio::buffer(sink), use_tuple);
      total += n;
    }
  }

  static awaitable<void> session(std::shared_ptr<Impl> self, tcp::socket socket) {
    error_code ec;
    const auto peer = socket.remote_endpoint(ec);
    const bool loopback = !ec && is_loopback(peer.address());
    socket.set_option(tcp::no_delay(true), ec);
    if (!self->tls) {
      beast::tcp_stream stream(std::move(socket));
      co_await self->serve(stream, loopback);
      stream.socket().shutdown(tcp::socket::shutdown_send, ec);
      co_return;
    }
    asio::ssl::stream<beast::tcp_stream> stream(std::move(socket), *self->tls);
    beast::get_lowest_layer(stream).expires_after(handshake_timeout);
    auto [handshake] = co_await stream.async_handshake(asio::ssl::stream_base::server, use_tuple);
    if (handshake) co_return;
    co_await self->serve(stream, loopback);
    if (!beast::get_lowest_layer(stream).socket().is_open()) co_return;
    beast::get_lowest_layer(stream).expires_after(std::chrono::seconds(5));
    co_await stream.async_shutdown(use_tuple);
  }

  static awaitable<void> accept_loop(std::shared_ptr<Impl> self) {
    while (true) {
      auto [ec, socket] = co_await self->acceptor.async_accept(use_tuple);
      if (ec == asio::error::operation_aborted || !self->acceptor.is_open()) co_return;
      if (ec) continue;  // a peer that gave up before we accepted it
      asio::co_spawn(self->acceptor.get_executor(), session(self, std::move(socket)), asio::detached);
    }
  }
};

Server::Server(asio::io_context& io, Simulator& simulator, ServerOptions options)
    : impl_(std::make_shared<Impl>(io, simulator, options)) {
  const std::string where = options.host + ":" + std::to_string(options.port);
  if (!options.tls_cert.empty() || !options.tls_key.empty()) {
    try {
      auto& tls = impl_->tls.emplace(asio::ssl::context::tls_server);
      tls.set_options(asio::ssl::context::default_workarounds | asio::ssl::context::no_sslv2 |
                      asio::ssl::context::no_sslv3 | asio::ssl::context::no_tlsv1 |
                      asio::ssl::context::no_tlsv1_1);
      tls.use_certificate_chain_file(options.tls_cert);
      tls.use_private_key_file(options.tls_key, asio::ssl::context::pem);
    } catch (const boost::system::system_error& e) {
      throw std::runtime_error("cannot load TLS certificate '" + options.tls_cert + "' / key '" +
                               options.tls_key + "': " + e.code().message());
    }
  }
  error_code ec;
  const auto address = asio::ip::make_address(options.host == "localhost" ? "127.0.0.1" : options.host, ec);
  if (ec) throw std::runtime_error("cannot listen on " + where + ": not an IP address");
  auto& acceptor = impl_->acceptor;
  const tcp::endpoint endpoint(address, options.port);
  acceptor.open(endpoint.protocol(), ec);
  if (!ec) acceptor.set_option(asio::socket_base::reuse_address(true), ec);
  if (!ec) acceptor.bind(endpoint, ec);
  if (!ec) acceptor.listen(asio::socket_base::max_listen_connections, ec);
  if (ec) throw std::runtime_error("cannot listen on " + where + ": " + ec.message());
}

Server::~Server() {
  error_code ignored;
  impl_->acceptor.close(ignored);
}

std::string Server::url() const {
  const auto endpoint = impl_->acceptor.local_endpoint();
  const auto address = endpoint.address();
  // Appended piece by piece: GCC 12 -O3 sees a false -Wrestrict in "[" + std::string&&.
  std::string url = impl_->tls ? "https://" : "http://";
  if (address.is_v6()) url += '[';
  url += address.to_string();
  if (address.is_v6()) url += ']';
  url += ':';
  url += std::to_string(endpoint.port());
  return url;
}

void Server::start() {
  asio::co_spawn(impl_->acceptor.get_executor(), Impl::accept_loop(impl_), asio::detached);
}

}  // namespace fake
