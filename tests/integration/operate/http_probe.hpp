#pragma once
// A blocking byte-level HTTP/1.1 client for the daemon's health endpoint: sends exactly what a
// test writes (so oversized and slow requests can be sent too) and reads until the server closes.
#include <chrono>
#include <cstdint>
#include <map>
#include <string>

namespace msync::operate_test {

struct HttpAnswer {
  unsigned status = 0;  // 0: no answer (closed, refused, or timed out)
  std::map<std::string, std::string> headers;  // lower-case names
  std::string body;
};

// Sends `request` on a new connection and reads the answer until the server closes it.
HttpAnswer http_exchange(std::uint16_t port, const std::string& request,
                         std::chrono::milliseconds deadline = std::chrono::seconds(10));
// `METHOD path` with Connection: close.
HttpAnswer http_get(std::uint16_t port, const std::string& path, const std::string& method = "GET");

// A connection left open, e.g. by a client that sends its request header a byte at a time.
class OpenConnection {
 public:
  explicit OpenConnection(std::uint16_t port);
  ~OpenConnection();
  OpenConnection(const OpenConnection&) = delete;
  OpenConnection& operator=(const OpenConnection&) = delete;
  bool send(const std::string& bytes);

 private:
  int fd_ = -1;
};

}  // namespace msync::operate_test
