#include "test_client.hpp"

#include <algorithm>
#include <cctype>
#include <chrono>
#include <optional>
#include <stdexcept>

#include <boost/asio/connect.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/ssl.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>

namespace fake_test {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
using tcp = asio::ip::tcp;

struct TestClient::Impl {
  asio::io_context io;
  std::optional<asio::ssl::context> tls;
  std::string host, port;
  std::optional<beast::tcp_stream> plain;
  std::optional<asio::ssl::stream<beast::tcp_stream>> secure;
  beast::flat_buffer buffer;

  bool connected() const { return plain || secure; }
  void disconnect() {
    plain.reset();
    secure.reset();
    buffer.clear();
  }

  beast::tcp_stream& lowest() { return plain ? *plain : beast::get_lowest_layer(*secure); }

  void connect() {
    tcp::resolver resolver(io);
    const auto endpoints = resolver.resolve(host, port);
    if (!tls) {
      plain.emplace(io);
      plain->expires_after(std::chrono::seconds(30));
      plain->connect(endpoints);
      return;
    }
    secure.emplace(io, *tls);
    beast::get_lowest_layer(*secure).expires_after(std::chrono::seconds(30));
    beast::get_lowest_layer(*secure).connect(endpoints);
    secure->set_verify_mode(asio::ssl::verify_peer);
    secure->set_verify_callback(asio::ssl::host_name_verification(host));
    secure->handshake(asio::ssl::stream_base::client);
  }

  template <class F>
  auto with_stream(F&& f) {
    if (plain) return f(*plain);
    return f(*secure);
  }
};

TestClient::TestClient(std::string url, std::string ca_file) : impl_(std::make_unique<Impl>()) {
  const bool https = url.starts_with("https://");
  if (!https && !url.starts_with("http://")) throw std::invalid_argument("bad url " + url);
  const auto rest = url.substr(https ? 8 : 7);
  const auto colon = rest.rfind(':');
  impl_->host = rest.substr(0, colon);
  impl_->port = rest.substr(colon + 1);
  if (https) {
    auto& tls = impl_->tls.emplace(asio::ssl::context::tls_client);
    if (!ca_file.empty()) tls.load_verify_file(ca_file);
  }
}

TestClient::~TestClient() = default;

Reply TestClient::request(const std::string& method, const std::string& target, const std::string& body,
                          const std::vector<std::pair<std::string, std::string>>& headers) {
  Reply reply;
  try {
    if (!impl_->connected()) {
      impl_->connect();
      ++connections_;
    }
    http::request<http::string_body> req{http::string_to_verb(method), target, 11};
    req.set(http::field::host, impl_->host + ":" + impl_->port);
    for (const auto& [name, value] : headers) req.set(name, value);
    req.body() = body;
    req.prepare_payload();
    http::response_parser<http::string_body> parser;
    parser.body_limit(std::uint64_t{8} << 30);
    impl_->lowest().expires_after(std::chrono::seconds(30));
    boost::system::error_code ec;
    impl_->with_stream([&](auto& stream) {
      http::write(stream, req, ec);
      if (!ec) http::read(stream, impl_->buffer, parser, ec);
      return 0;
    });
    const auto& res = parser.get();
    reply.status = res.result_int();
    for (const auto& field : res) {
      std::string name(field.name_string());
      std::transform(name.begin(), name.end(), name.begin(), [](unsigned char c) { return std::tolower(c); });
      reply.headers[name] = std::string(field.value());
    }
    reply.body = res.body();
    reply.complete = !ec;
    if (ec) {
      reply.error = ec.message();
      impl_->disconnect();
    } else if (!res.keep_alive()) {
      impl_->disconnect();
    }
  } catch (const std::exception& e) {
    reply.error = e.what();
    impl_->disconnect();
  }
  return reply;
}

std::string TestClient::raw(const std::string& bytes) {
  impl_->disconnect();
  impl_->connect();
  ++connections_;
  std::string out;
  boost::system::error_code ec;
  impl_->lowest().expires_after(std::chrono::seconds(10));
  impl_->with_stream([&](auto& stream) {
    asio::write(stream, asio::buffer(bytes), ec);
    char chunk[4096];
    while (!ec) {
      const auto n = stream.read_some(asio::buffer(chunk), ec);
      out.append(chunk, n);
    }
    return 0;
  });
  impl_->disconnect();
  return out;
}

}  // namespace fake_test
