#pragma once
// lib/http, the front door: an asynchronous HTTP/1.1 client over Beast for one origin (http:// for
// loopback tests, https:// with peer and host-name verification), with keep-alive, per-step
// timeouts, streaming downloads that hand the body to a sink as it arrives, and an optional HTTP
// proxy reached with CONNECT.
//
// This header stays free of Beast and SSL includes so that most translation units compile fast.
#include <chrono>
#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/awaitable.hpp>

#include "core/core.hpp"

namespace msync::http {

using Headers = std::vector<std::pair<std::string, std::string>>;

struct Request {
  std::string method = "GET";  // GET, POST, ...
  std::string target;          // path and query, already percent-encoded: /bulk/v1/...?a=b
  Headers headers;             // Host, User-Agent, Content-Length are added by the client
  std::string body;
};

struct Response {
  unsigned status = 0;
  Headers headers;
  std::string body;

  // The first header of that name (case-insensitive), or "" when absent.
  std::string_view header(std::string_view name) const;
};

// Receives a download's body as it arrives; an error it returns aborts the download.
class BodySink {
 public:
  virtual ~BodySink() = default;
  virtual core::Status write(std::span<const char> bytes) = 0;
};

struct DownloadResult {
  unsigned status = 0;
  Headers headers;
  std::uint64_t bytes_delivered = 0;  // handed to the sink (2xx answers only)
  std::string error_body;             // a non-2xx answer's body, at most 64 KiB, not given to the sink

  std::string_view header(std::string_view name) const;
};

// Which HTTP proxy to go through, as plain values: the composition root fills them from the
// configuration or the environment (HTTPS_PROXY, HTTP_PROXY, NO_PROXY); this library reads neither.
// Both kinds of origin are reached through a CONNECT tunnel (see proxy_tunnel.hpp).
struct ProxySettings {
  std::string https_proxy;  // for https:// origins: http://[user:password@]host[:port]; "" = direct
  std::string http_proxy;   // for http:// origins, the same form
  std::string no_proxy;     // NO_PROXY's comma list: origins that never go through a proxy
};

struct ClientOptions {
  std::string base_url;  // scheme://host[:port], e.g. https://123-ABC-456.mktorest.com
  std::string ca_file;   // optional extra trust anchors (PEM); the system store is always used too
  std::string user_agent = "marketo-sync";
  std::chrono::milliseconds connect_timeout{10'000};  // resolve + connect + TLS handshake
  std::chrono::milliseconds io_timeout{60'000};       // each read or write step, re-armed per step
  std::size_t max_body_bytes = 16u << 20;             // for send(): a larger answer is an error
  ProxySettings proxy;
};

// One origin, one kept-alive connection at a time, reopened when the server closes it. Calls are
// made one after another (not concurrently) on the executor the client was made with.
class Client {
 public:
  virtual ~Client() = default;

  // A whole exchange with the answer held in memory. Transport failures (connect, TLS, timeout,
  // cut connection, malformed answer) come back as errors: transient ones as ErrorKind::transient,
  // certificate or URL problems as ErrorKind::permanent, cancellation as ErrorKind::cancelled.
  virtual boost::asio::awaitable<core::Result<Response>> send(Request request) = 0;

  // Like send(), but a 2xx body streams to the sink in chunks and never sits in memory whole.
  // A connection cut mid-body is a transient error; bytes_delivered is then not reported, and the
  // caller resumes from what its sink holds.
  virtual boost::asio::awaitable<core::Result<DownloadResult>> download(Request request,
                                                                        BodySink& sink) = 0;

  // Closes the connection; an exchange in progress completes with ErrorKind::cancelled.
  virtual void close() = 0;
};

// The proxy a client of `url` (http:// or https://, any path) would go through, checked as
// make_client checks it: fine when there is none (NO_PROXY applied first) or when its URL parses.
// For a caller that wants a bad proxy reported at start-up, not at the first call; the URL's own
// problems are left to whoever checks it. The error never shows the proxy's credentials.
core::Status check_proxy_for(const ProxySettings& settings, std::string_view url);

// Loads ca_file (PEM) as make_client does, for a caller that wants an unusable one reported at
// start-up. "" is fine: the system store alone.
core::Status check_ca_file(const std::string& ca_file);

// Parses base_url and loads ca_file, and picks the proxy for base_url's origin; an invalid URL (the
// proxy's included: its error never shows the proxy's credentials) or unreadable CA file is an error.
core::Result<std::unique_ptr<Client>> make_client(boost::asio::any_io_executor executor,
                                                  ClientOptions options);

}  // namespace msync::http
