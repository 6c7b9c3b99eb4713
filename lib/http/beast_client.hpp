#pragma once
// The Client over Beast: one kept-alive connection (through a proxy's CONNECT tunnel when one is
// set), each step of an exchange a coroutine step with its own deadline, failures as values.
#include <cstdint>
#include <memory>
#include <optional>
#include <span>

#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/ssl/context.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/beast/http/string_body.hpp>

#include "http/answer_readers.hpp"
#include "http/connection.hpp"
#include "http/http.hpp"
#include "http/origin.hpp"
#include "http/proxy.hpp"
#include "http/transport_error.hpp"

namespace msync::http {

class BeastClient final : public Client {
 public:
  // proxy: the proxy to reach the origin through, or nullopt to connect directly.
  BeastClient(boost::asio::any_io_executor executor, ClientOptions options, Origin origin,
              std::optional<Proxy> proxy, std::shared_ptr<boost::asio::ssl::context> tls_context);

  boost::asio::awaitable<core::Result<Response>> send(Request request) override;
  boost::asio::awaitable<core::Result<DownloadResult>> download(Request request,
                                                                BodySink& sink) override;
  void close() override;

 private:
  using Message = boost::beast::http::request<boost::beast::http::string_body>;

  // What an exchange needs to be told: the request as written and how to name it in errors.
  struct Outgoing {
    Message message;
    std::string request_line;  // "METHOD /path", without the query
    bool idempotent = false;
  };

  core::Result<Outgoing> prepare(Request& request) const;

  // Runs one exchange, retrying a stale reused connection once when that is safe; Reader receives
  // the header and the body chunks (see send() and download() for the two readers).
  template <class T, class Reader>
  boost::asio::awaitable<core::Result<T>> exchange(const Outgoing& outgoing, Reader& reader);

  boost::asio::awaitable<std::optional<StepFailure>> open_connection(std::uint64_t generation);
  // The first hop: the proxy when there is one, else the origin.
  const std::string& hop_host() const { return proxy_ ? proxy_->host : origin_.host; }
  const std::string& hop_port() const { return proxy_ ? proxy_->port : origin_.port; }
  bool hop_is_address() const { return proxy_ ? proxy_->host_is_address : origin_.host_is_address; }
  boost::asio::ip::tcp::resolver::results_type literal_endpoints() const;
  core::Error failed(std::string_view request_line, const StepFailure& failure) const;
  boost::asio::awaitable<std::optional<StepFailure>> write_and_read_header(Connection& connection,
                                                                           const Message& message,
                                                                           Parser& parser,
                                                                           std::uint64_t generation);
  // Reads the body in chunks of chunk_ until done or until the reader refuses a chunk.
  template <class Reader>
  boost::asio::awaitable<std::optional<StepFailure>> read_body(Connection& connection,
                                                               Parser& parser, Reader& reader,
                                                               std::uint64_t generation);

  bool closed_since(std::uint64_t generation) const { return generation_ != generation; }
  void drop_connection();

  boost::asio::any_io_executor executor_;
  ClientOptions options_;
  Origin origin_;
  std::optional<Proxy> proxy_;
  std::shared_ptr<boost::asio::ssl::context> tls_context_;
  boost::asio::ip::tcp::resolver resolver_;
  boost::asio::steady_timer resolve_timer_;
  bool resolve_timed_out_ = false;
  std::unique_ptr<Connection> connection_;
  std::unique_ptr<char[]> chunk_;
  std::uint64_t generation_ = 0;  // bumped by close(): exchanges started before it end cancelled
};

}  // namespace msync::http
