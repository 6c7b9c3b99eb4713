#pragma once
// A small HTTP CONNECT proxy for tests, on its own thread and io_context so that it keeps serving
// while the test waits on a child process (marketo-syncd) or runs a client on its own io_context.
// It listens on loopback port 0, tunnels CONNECTs, counts them, and can refuse them (407, 403, ...)
// or demand Basic credentials.
#include <memory>
#include <string>
#include <vector>

namespace msync::test_support {

struct ConnectProxyOptions {
  std::string listen_host = "127.0.0.1";  // or "::1"
  unsigned refuse_status = 0;             // answer every CONNECT with this status instead of tunnelling
  std::string required_credentials;       // "user:password": other CONNECTs get 407
};

// What the proxy saw of one CONNECT.
struct ConnectSeen {
  std::string method;         // CONNECT, or what a confused client sent
  std::string target;         // host:port
  std::string host_header;
  std::string authorization;  // the Proxy-Authorization header, "" when absent
  unsigned answered = 0;      // the status the proxy answered with
};

class ConnectProxy {
 public:
  explicit ConnectProxy(ConnectProxyOptions options = {});
  ~ConnectProxy();  // closes everything and joins the thread
  ConnectProxy(const ConnectProxy&) = delete;
  ConnectProxy& operator=(const ConnectProxy&) = delete;

  unsigned short port() const;
  // http://[userinfo@]HOST:PORT, HOST bracketed when IPv6.
  std::string url(const std::string& userinfo = "") const;

  int accepted() const;                   // TCP connections accepted
  std::vector<ConnectSeen> seen() const;  // requests read, in order
  int tunnels() const;                    // CONNECTs answered 200

  // Closes every open tunnel, both sides, as a proxy's idle timeout would; returns once done.
  void drop_tunnels();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace msync::test_support
