#pragma once
// The daemon's local HTTP/1.1 endpoint: /livez, /readyz, /healthz, /status, /metrics (GET, HEAD).
// It runs on the daemon's io_context and never blocks it: every read and write has a deadline, a
// request header is bounded, and the number of connections is capped.
#include <cstddef>
#include <cstdint>
#include <memory>

#include "core/result.hpp"
#include "health/endpoints.hpp"
#include "health/metrics_registry.hpp"
#include "health/server_options.hpp"

namespace boost::asio {
class io_context;
}

namespace msync::health {

class HealthServer {
 public:
  // `metrics` and the callbacks in `endpoints` are used from the io_context's thread and must
  // outlive the server.
  // The server counts its own requests and refused connections in `metrics`
  // (marketo_sync_health_requests_total, marketo_sync_health_connections_refused_total).
  HealthServer(boost::asio::io_context& io, ServerOptions options, MetricsRegistry& metrics,
               Endpoints endpoints);
  ~HealthServer();  // stop()
  HealthServer(const HealthServer&) = delete;
  HealthServer& operator=(const HealthServer&) = delete;

  // Binds and starts accepting. Fails (as a value) on an address that is not an IP literal, a
  // non-loopback address without allow_non_loopback, or a bind/listen error.
  core::Status start();
  // The bound port (the kernel's choice when options.port was 0); 0 before start().
  std::uint16_t port() const;
  std::size_t open_connections() const;
  // Closes the acceptor and every connection; their coroutines end on the io_context's next turns,
  // so io_context::run() returns once nothing else is pending. Idempotent.
  void stop();

 private:
  struct State;
  std::shared_ptr<State> state_;
};

}  // namespace msync::health
