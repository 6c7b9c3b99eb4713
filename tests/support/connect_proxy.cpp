#include "support/connect_proxy.hpp"

#include <array>
#include <future>
#include <mutex>
#include <thread>

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/connect.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/http/empty_body.hpp>
#include <boost/beast/http/parser.hpp>
#include <boost/beast/http/read.hpp>
#include <openssl/evp.h>

namespace msync::test_support {
namespace {

namespace asio = boost::asio;
namespace beast_http = boost::beast::http;
using asio::ip::tcp;
constexpr auto as_result = asio::as_tuple(asio::use_awaitable);

std::string basic(const std::string& credentials) {
  std::string out(4 * ((credentials.size() + 2) / 3), '\0');
  const int n = EVP_EncodeBlock(reinterpret_cast<unsigned char*>(out.data()),
                                reinterpret_cast<const unsigned char*>(credentials.data()),
                                static_cast<int>(credentials.size()));
  out.resize(static_cast<std::size_t>(n));
  return "Basic " + out;
}

std::string refusal(unsigned status) {
  std::string text = "HTTP/1.1 " + std::to_string(status) + " Refused\r\n";
  if (status == 407) text += "Proxy-Authenticate: Basic realm=\"test\"\r\n";
  return text + "Content-Length: 7\r\nConnection: close\r\n\r\nrefused";
}

// "host:port" or "[v6]:port" -> host, port.
std::pair<std::string, std::string> split_target(const std::string& target) {
  const auto colon = target.rfind(':');
  if (colon == std::string::npos) return {target, "443"};
  std::string host = target.substr(0, colon);
  if (host.size() > 2 && host.front() == '[' && host.back() == ']') host = host.substr(1, host.size() - 2);
  return {host, target.substr(colon + 1)};
}

struct Tunnel {
  explicit Tunnel(tcp::socket client_side) : client(std::move(client_side)), upstream(client.get_executor()) {}
  void close() {
    boost::system::error_code ignored;
    client.close(ignored);
    upstream.close(ignored);
  }
  tcp::socket client;
  tcp::socket upstream;
};

asio::awaitable<void> pipe(std::shared_ptr<Tunnel> tunnel, tcp::socket& from, tcp::socket& to) {
  std::array<char, 16 * 1024> buffer{};
  for (;;) {
    auto [read_ec, n] = co_await from.async_read_some(asio::buffer(buffer), as_result);
    if (read_ec) break;
    auto [write_ec, written] = co_await asio::async_write(to, asio::buffer(buffer.data(), n), as_result);
    if (write_ec) break;
  }
  tunnel->close();
}

}  // namespace

struct ConnectProxy::Impl {
  explicit Impl(ConnectProxyOptions o)
      : options(std::move(o)),
        acceptor(io, tcp::endpoint(asio::ip::make_address(options.listen_host), 0)),
        work(asio::make_work_guard(io)) {}

  asio::awaitable<void> accept_loop() {
    for (;;) {
      auto [ec, socket] = co_await acceptor.async_accept(as_result);
      if (ec) co_return;
      auto tunnel = std::make_shared<Tunnel>(std::move(socket));
      {
        const std::lock_guard lock(mutex);
        ++accepted;
        open.push_back(tunnel);
      }
      asio::co_spawn(io, serve(tunnel), asio::detached);
    }
  }

  asio::awaitable<void> serve(std::shared_ptr<Tunnel> tunnel) {
    boost::beast::flat_buffer buffer;
    beast_http::request_parser<beast_http::empty_body> parser;
    auto [read_ec, read] = co_await beast_http::async_read_header(tunnel->client, buffer, parser, as_result);
    if (read_ec) {
      tunnel->close();
      co_return;
    }
    const auto& request = parser.get();
    ConnectSeen seen{std::string(request.method_string()), std::string(request.target()),
                     std::string(request[beast_http::field::host]),
                     std::string(request[beast_http::field::proxy_authorization]), 0};

    unsigned status = 200;
    if (request.method() != beast_http::verb::connect) {
      status = 405;
    } else if (options.refuse_status != 0) {
      status = options.refuse_status;
    } else if (!options.required_credentials.empty() && seen.authorization != basic(options.required_credentials)) {
      status = 407;
    }
    if (status == 200) {
      const auto [host, port] = split_target(seen.target);
      tcp::resolver resolver(io);
      auto [resolve_ec, endpoints] = co_await resolver.async_resolve(host, port, as_result);
      boost::system::error_code connect_ec = resolve_ec;
      if (!resolve_ec) {
        auto [ec, endpoint] = co_await asio::async_connect(tunnel->upstream, endpoints, as_result);
        connect_ec = ec;
      }
      if (connect_ec) status = 502;
    }
    seen.answered = status;
    {
      const std::lock_guard lock(mutex);
      log.push_back(seen);
      if (status == 200) ++tunnelled;
    }
    const std::string answer = status == 200 ? "HTTP/1.1 200 Connection established\r\n\r\n" : refusal(status);
    auto [write_ec, written] = co_await asio::async_write(tunnel->client, asio::buffer(answer), as_result);
    if (write_ec || status != 200) {
      tunnel->close();
      co_return;
    }
    if (buffer.size() != 0) {
      auto [ec, n] = co_await asio::async_write(tunnel->upstream, buffer.data(), as_result);
      if (ec) {
        tunnel->close();
        co_return;
      }
    }
    asio::co_spawn(io, pipe(tunnel, tunnel->upstream, tunnel->client), asio::detached);
    co_await pipe(tunnel, tunnel->client, tunnel->upstream);
  }

  void close_all() {
    std::vector<std::weak_ptr<Tunnel>> tunnels;
    {
      const std::lock_guard lock(mutex);
      tunnels.swap(open);
    }
    for (auto& weak : tunnels) {
      if (auto tunnel = weak.lock()) tunnel->close();
    }
  }

  ConnectProxyOptions options;
  asio::io_context io;
  tcp::acceptor acceptor;
  asio::executor_work_guard<asio::io_context::executor_type> work;
  std::thread thread;

  mutable std::mutex mutex;  // guards what the test thread reads: the counts and the log
  int accepted = 0;
  int tunnelled = 0;
  std::vector<ConnectSeen> log;
  std::vector<std::weak_ptr<Tunnel>> open;
};

ConnectProxy::ConnectProxy(ConnectProxyOptions options) : impl_(std::make_unique<Impl>(std::move(options))) {
  asio::co_spawn(impl_->io, impl_->accept_loop(), asio::detached);
  impl_->thread = std::thread([impl = impl_.get()] { impl->io.run(); });
}

ConnectProxy::~ConnectProxy() {
  asio::post(impl_->io, [impl = impl_.get()] {
    boost::system::error_code ignored;
    impl->acceptor.close(ignored);
    impl->close_all();
    impl->work.reset();
  });
  impl_->thread.join();
}

unsigned short ConnectProxy::port() const { return impl_->acceptor.local_endpoint().port(); }

std::string ConnectProxy::url(const std::string& userinfo) const {
  const bool v6 = impl_->acceptor.local_endpoint().address().is_v6();
  std::string url = "http://";
  if (!userinfo.empty()) url += userinfo + "@";
  url += v6 ? "[" + impl_->options.listen_host + "]" : impl_->options.listen_host;
  return url + ":" + std::to_string(port());
}

int ConnectProxy::accepted() const {
  const std::lock_guard lock(impl_->mutex);
  return impl_->accepted;
}

std::vector<ConnectSeen> ConnectProxy::seen() const {
  const std::lock_guard lock(impl_->mutex);
  return impl_->log;
}

int ConnectProxy::tunnels() const {
  const std::lock_guard lock(impl_->mutex);
  return impl_->tunnelled;
}

void ConnectProxy::drop_tunnels() {
  std::promise<void> done;
  asio::post(impl_->io, [&] {
    impl_->close_all();
    done.set_value();
  });
  done.get_future().wait();
}

}  // namespace msync::test_support
