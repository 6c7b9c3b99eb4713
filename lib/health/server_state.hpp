#pragma once
// What the acceptor and its connections share. Connections hold it by shared_ptr so that a
// connection still unwinding after the server is gone touches nothing freed.
#include <cstddef>
#include <cstdint>
#include <memory>
#include <set>

#include <boost/asio/awaitable.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>

#include "health/endpoints.hpp"
#include "health/metrics_registry.hpp"
#include "health/server_options.hpp"

namespace msync::health::detail {

struct ServerState {
  ServerState(boost::asio::io_context& io, ServerOptions options, MetricsRegistry& metrics,
              Endpoints endpoints)
      : io(io), options(std::move(options)), metrics(metrics), endpoints(std::move(endpoints)),
        acceptor(io) {}

  boost::asio::io_context& io;
  ServerOptions options;
  MetricsRegistry& metrics;  // served on /metrics, and counts the server's own requests
  Endpoints endpoints;
  boost::asio::ip::tcp::acceptor acceptor;
  std::set<boost::asio::ip::tcp::socket*> open;  // connections that stop() must close
  std::size_t active = 0;                        // accepted and not yet finished
  std::uint16_t port = 0;                        // bound port, kept after stop()
  bool stopping = false;
};

// Counts one answered request: marketo_sync_health_requests_total{path,code}.
void count_request(ServerState& state, const std::string& path, unsigned status);

// Serves one connection until the client leaves, errs, times out, or the server stops.
boost::asio::awaitable<void> serve_connection(std::shared_ptr<ServerState> state,
                                              boost::asio::ip::tcp::socket socket);

}  // namespace msync::health::detail
