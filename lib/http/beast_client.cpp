#include "http/beast_client.hpp"

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/beast/http/read.hpp>
#include <boost/beast/http/write.hpp>
#include <fmt/format.h>
#include <openssl/ssl.h>

#include "http/proxy_tunnel.hpp"
#include "http/tls_context.hpp"

namespace msync::http {
namespace {

namespace beast_http = boost::beast::http;

// Big enough that the sink sees few, large writes; small enough to stay in cache.
constexpr std::size_t chunk_bytes = 512 * 1024;
constexpr std::uint32_t header_limit = 64 * 1024;
constexpr auto as_result = boost::asio::as_tuple(boost::asio::use_awaitable);

bool has_line_break(std::string_view text) { return text.find_first_of("\r\n") != text.npos; }

std::shared_ptr<spdlog::logger> log() { return core::logger("http"); }

}  // namespace

BeastClient::BeastClient(boost::asio::any_io_executor executor, ClientOptions options,
                         Origin origin, std::optional<Proxy> proxy,
                         std::shared_ptr<boost::asio::ssl::context> tls_context)
    : executor_(std::move(executor)),
      options_(std::move(options)),
      origin_(std::move(origin)),
      proxy_(std::move(proxy)),
      tls_context_(std::move(tls_context)),
      resolver_(executor_),
      resolve_timer_(executor_) {}

core::Result<BeastClient::Outgoing> BeastClient::prepare(Request& request) const {
  const std::string_view path = std::string_view(request.target).substr(0, request.target.find('?'));
  if (request.method.empty() || has_line_break(request.method) || request.method.find(' ') != std::string::npos) {
    return core::make_error("http: invalid request method for " + origin_.name,
                            core::ErrorKind::permanent);
  }
  if (!request.target.starts_with('/') || has_line_break(request.target) ||
      request.target.find(' ') != std::string::npos) {
    return core::make_error(
        fmt::format("http: invalid request target for {} [{} {}]", origin_.name, request.method, path),
        core::ErrorKind::permanent);
  }
  Outgoing outgoing;
  outgoing.request_line = request.method + " " + std::string(path);
  Message& message = outgoing.message;
  const auto verb = beast_http::string_to_verb(request.method);
  if (verb == beast_http::verb::unknown) {
    message.method_string(request.method);
  } else {
    message.method(verb);
  }
  outgoing.idempotent = verb == beast_http::verb::get || verb == beast_http::verb::head;
  message.version(11);
  message.target(request.target);
  for (const auto& [name, value] : request.headers) {
    // Header values are never echoed: Authorization carries a token.
    if (name.empty() || has_line_break(name) || has_line_break(value)) {
      return core::make_error(fmt::format("http: header '{}' is invalid [{}]", name, outgoing.request_line),
                              core::ErrorKind::permanent);
    }
    message.insert(name, value);
  }
  message.set(beast_http::field::host, origin_.host_header);
  message.set(beast_http::field::user_agent, options_.user_agent);
  message.body() = std::move(request.body);
  message.prepare_payload();
  return outgoing;
}

boost::asio::awaitable<core::Result<Response>> BeastClient::send(Request request) {
  auto outgoing = prepare(request);
  if (!outgoing) co_return outgoing.error();
  MemoryReader reader(options_.max_body_bytes,
                      fmt::format("{} [{}]", origin_.name, outgoing->request_line));
  co_return co_await exchange<Response>(*outgoing, reader);
}

boost::asio::awaitable<core::Result<DownloadResult>> BeastClient::download(Request request,
                                                                           BodySink& sink) {
  auto outgoing = prepare(request);
  if (!outgoing) co_return outgoing.error();
  SinkReader reader(sink, fmt::format("{} [{}]", origin_.name, outgoing->request_line));
  co_return co_await exchange<DownloadResult>(*outgoing, reader);
}

void BeastClient::close() {
  ++generation_;
  resolve_timer_.cancel();
  resolver_.cancel();
  if (connection_) connection_->close();
}

void BeastClient::drop_connection() { connection_.reset(); }

core::Error BeastClient::failed(std::string_view request_line, const StepFailure& failure) const {
  return transport_error(origin_, proxy_ ? &*proxy_ : nullptr, request_line, failure);
}

template <class T, class Reader>
boost::asio::awaitable<core::Result<T>> BeastClient::exchange(const Outgoing& outgoing,
                                                              Reader& reader) {
  const std::uint64_t generation = generation_;
  for (int attempt = 1;; ++attempt) {
    if (auto failure = co_await open_connection(generation)) {
      drop_connection();
      co_return failed(outgoing.request_line, *failure);
    }
    Connection& connection = *connection_;
    const bool reused = connection.reused();

    Parser parser;
    parser.body_limit(boost::none);  // send() and download() apply their own limits
    parser.header_limit(header_limit);
    parser.skip(outgoing.message.method() == beast_http::verb::head);
    if (auto failure = co_await write_and_read_header(connection, outgoing.message, parser, generation)) {
      // A kept-alive connection the server closed in the meantime fails before any byte of the
      // answer; the request may or may not have been seen, so only idempotent ones go again.
      const bool answer_started = parser.got_some() || connection.buffer().size() != 0;
      const bool stale = reused && !answer_started && !failure->closed && peer_closed(failure->ec);
      drop_connection();
      if (stale && outgoing.idempotent && attempt == 1) {
        log()->debug("{} closed a kept-alive connection; retrying {} on a new one", origin_.name,
                     outgoing.request_line);
        continue;
      }
      auto error = failed(outgoing.request_line, *failure);
      if (stale) error.message += " (on a kept-alive connection; not retried: not idempotent)";
      co_return error;
    }

    if (reader.on_header(parser)) {
      if (auto failure = co_await read_body(connection, parser, reader, generation)) {
        drop_connection();
        co_return failed(outgoing.request_line, *failure);
      }
    }
    // We never pipeline: bytes read past the end of a finished answer mean the server sent more
    // than its Content-Length (or last chunk) announced. Neither the answer nor the connection
    // can be trusted.
    if (parser.is_done() && connection.buffer().size() != 0) {
      auto error = core::make_error(fmt::format("http: answer from {} ran on for {} bytes past the end "
                                                "its header announced [{}]",
                                                origin_.name, connection.buffer().size(),
                                                outgoing.request_line),
                                    core::ErrorKind::transient);
      drop_connection();
      co_return error;
    }
    if (parser.is_done() && parser.keep_alive()) {
      connection.mark_reused();
    } else {
      drop_connection();
    }
    co_return reader.finish(parser);
  }
}

// An address literal needs no lookup. Skipping the resolver for it also means Asio never starts
// the thread it runs getaddrinfo on, so a daemon pointed at an IP runs on one thread.
boost::asio::ip::tcp::resolver::results_type BeastClient::literal_endpoints() const {
  if (!hop_is_address()) return {};
  const boost::asio::ip::tcp::endpoint endpoint(boost::asio::ip::make_address(hop_host()),
                                                static_cast<unsigned short>(std::stoul(hop_port())));
  return boost::asio::ip::tcp::resolver::results_type::create(endpoint, hop_host(), hop_port());
}

boost::asio::awaitable<std::optional<StepFailure>> BeastClient::open_connection(
    std::uint64_t generation) {
  if (connection_ && connection_->idle_and_open()) co_return std::nullopt;
  connection_ = std::make_unique<Connection>(executor_, tls_context_.get());
  Connection& connection = *connection_;
  const auto deadline = std::chrono::steady_clock::now() + options_.connect_timeout;

  auto endpoints = literal_endpoints();
  if (!hop_is_address()) {
    // The resolver has no deadline of its own; a timer cancels it.
    resolve_timed_out_ = false;
    resolve_timer_.expires_at(deadline);
    resolve_timer_.async_wait([this](const boost::system::error_code& ec) {
      if (ec) return;  // cancelled, possibly with the client gone: touch nothing
      resolve_timed_out_ = true;
      resolver_.cancel();
    });
    auto [resolve_ec, resolved] =
        co_await resolver_.async_resolve(hop_host(), hop_port(), as_result);
    resolve_timer_.cancel();
    if (resolve_timed_out_) resolve_ec = boost::beast::error::timeout;
    if (resolve_ec || closed_since(generation)) {
      co_return StepFailure{Step::resolve, resolve_ec, X509_V_OK, closed_since(generation)};
    }
    endpoints = std::move(resolved);
  }

  connection.tcp().expires_at(deadline);
  auto [connect_ec, endpoint] = co_await connection.tcp().async_connect(endpoints, as_result);
  if (connect_ec || closed_since(generation)) {
    co_return StepFailure{Step::connect, connect_ec, X509_V_OK, closed_since(generation)};
  }
  boost::system::error_code ignored;
  connection.tcp().socket().set_option(boost::asio::ip::tcp::no_delay(true), ignored);

  if (proxy_) {
    auto failure = co_await open_tunnel(connection, *proxy_, origin_, deadline);
    if (failure || closed_since(generation)) {
      if (!failure) failure = StepFailure{Step::tunnel, {}, X509_V_OK, true};
      failure->closed = closed_since(generation);
      co_return failure;
    }
  }

  if (auto* tls = connection.tls()) {
    // SNI carries names only; an IP literal is checked against the certificate's IP entries.
    if (!origin_.host_is_address &&
        SSL_set_tlsext_host_name(tls->native_handle(), origin_.host.c_str()) != 1) {
      co_return StepFailure{Step::handshake,
                            {static_cast<int>(ERR_get_error()), boost::asio::error::get_ssl_category()},
                            X509_V_OK, false};
    }
    tls->set_verify_mode(boost::asio::ssl::verify_peer | boost::asio::ssl::verify_fail_if_no_peer_cert);
    tls->set_verify_callback(HostVerifier(origin_.host));
    connection.tcp().expires_at(deadline);
    auto [handshake_ec] = co_await tls->async_handshake(boost::asio::ssl::stream_base::client, as_result);
    if (handshake_ec || closed_since(generation)) {
      co_return StepFailure{Step::handshake, handshake_ec, SSL_get_verify_result(tls->native_handle()),
                            closed_since(generation)};
    }
  }
  connection.tcp().expires_never();
  if (proxy_) {
    log()->debug("connected to {} via proxy {} ({})", origin_.name, proxy_->name, endpoint.address().to_string());
  } else {
    log()->debug("connected to {} ({})", origin_.name, endpoint.address().to_string());
  }
  co_return std::nullopt;
}

boost::asio::awaitable<std::optional<StepFailure>> BeastClient::write_and_read_header(
    Connection& connection, const Message& message, Parser& parser, std::uint64_t generation) {
  connection.tcp().expires_after(options_.io_timeout);
  auto [write_ec, written] = co_await connection.visit(
      [&](auto& stream) { return beast_http::async_write(stream, message, as_result); });
  if (write_ec || closed_since(generation)) {
    co_return StepFailure{Step::write, write_ec, X509_V_OK, closed_since(generation)};
  }
  connection.tcp().expires_after(options_.io_timeout);
  auto [read_ec, read] = co_await connection.visit([&](auto& stream) {
    return beast_http::async_read_header(stream, connection.buffer(), parser, as_result);
  });
  if (read_ec || closed_since(generation)) {
    co_return StepFailure{Step::read, read_ec, X509_V_OK, closed_since(generation)};
  }
  co_return std::nullopt;
}

template <class Reader>
boost::asio::awaitable<std::optional<StepFailure>> BeastClient::read_body(
    Connection& connection, Parser& parser, Reader& reader, std::uint64_t generation) {
  if (!chunk_) chunk_ = std::make_unique_for_overwrite<char[]>(chunk_bytes);
  auto& body = parser.get().body();
  while (!parser.is_done()) {
    body.data = chunk_.get();
    body.size = chunk_bytes;
    // Each socket read is a step of its own with a fresh deadline, so a slow but moving transfer
    // never times out while a stalled one does after io_timeout.
    while (!parser.is_done() && body.size != 0) {
      connection.tcp().expires_after(options_.io_timeout);
      auto [ec, read] = co_await connection.visit([&](auto& stream) {
        return beast_http::async_read_some(stream, connection.buffer(), parser, as_result);
      });
      if (ec == beast_http::error::need_buffer) break;
      if (ec || closed_since(generation)) {
        co_return StepFailure{Step::read, ec, X509_V_OK, closed_since(generation)};
      }
    }
    const std::size_t filled = chunk_bytes - body.size;
    if (filled != 0 && !reader.on_chunk(std::span<const char>(chunk_.get(), filled))) break;
  }
  connection.tcp().expires_never();
  co_return std::nullopt;
}

core::Result<std::unique_ptr<Client>> make_client(boost::asio::any_io_executor executor,
                                                  ClientOptions options) {
  auto origin = parse_origin(options.base_url);
  if (!origin) return origin.error();
  if (options.connect_timeout.count() <= 0 || options.io_timeout.count() <= 0 ||
      options.max_body_bytes == 0) {
    return core::make_error("http: timeouts and max_body_bytes must be positive for " + origin->name,
                            core::ErrorKind::permanent);
  }
  auto proxy = choose_proxy(options.proxy, *origin);
  if (!proxy) return proxy.error();
  std::shared_ptr<boost::asio::ssl::context> tls_context;
  if (origin->tls || !options.ca_file.empty()) {
    auto context = make_tls_context(options.ca_file);
    if (!context) return context.error();
    if (origin->tls) tls_context = std::move(*context);
  }
  return std::unique_ptr<Client>(std::make_unique<BeastClient>(std::move(executor), std::move(options),
                                                               std::move(*origin), std::move(*proxy),
                                                               std::move(tls_context)));
}

}  // namespace msync::http
