#pragma once
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <string>

namespace msync::health {

struct ServerOptions {
  std::string host = "127.0.0.1";  // an IP address literal; no name lookups
  std::uint16_t port = 9465;       // 0: any free port (see HealthServer::port())
  // The endpoint shows internals (status, metrics) without authentication: loopback only unless
  // the operator insists.
  bool allow_non_loopback = false;
  // Time allowed to receive a whole request header, and to idle between keep-alive requests;
  // a client that dribbles bytes (slowloris) is cut off after it.
  std::chrono::milliseconds read_timeout{10'000};
  std::chrono::milliseconds write_timeout{10'000};
  std::size_t max_header_bytes = 8 * 1024;  // beyond it: 431
  std::size_t max_body_bytes = 1024;        // requests carry no body; beyond it: 413
  std::size_t max_connections = 64;         // beyond it: accepted and closed at once
};

}  // namespace msync::health
