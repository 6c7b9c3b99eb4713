#include "health/health_server.hpp"

#include <chrono>

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/use_awaitable.hpp>

#include "core/log.hpp"
#include "health/server_state.hpp"

namespace msync::health {
namespace {

namespace asio = boost::asio;
using asio::ip::tcp;
constexpr auto as_result = asio::as_tuple(asio::use_awaitable);

core::Error listen_error(const ServerOptions& options, const std::string& what) {
  return core::make_error("health server " + options.host + ":" + std::to_string(options.port) +
                          ": " + what);
}

asio::awaitable<void> accept_loop(std::shared_ptr<detail::ServerState> state) {
  while (!state->stopping) {
    auto [ec, socket] = co_await state->acceptor.async_accept(as_result);
    if (state->stopping || ec == asio::error::operation_aborted) co_return;
    if (ec) {
      // Out of descriptors, say: back off briefly instead of spinning on the same error.
      core::logger("health")->warn("accept failed: {}", ec.message());
      asio::steady_timer pause(state->io, std::chrono::milliseconds(100));
      co_await pause.async_wait(as_result);
      continue;
    }
    if (state->active >= state->options.max_connections) {
      state->metrics
          .counter("health_connections_refused",
                   "Health endpoint connections closed at once: too many open.")
          .inc();
      boost::system::error_code ignored;
      socket.close(ignored);
      continue;
    }
    ++state->active;
    asio::co_spawn(state->io, detail::serve_connection(state, std::move(socket)), asio::detached);
  }
}

}  // namespace

namespace detail {

void count_request(ServerState& state, const std::string& path, unsigned status) {
  state.metrics
      .counter("health_requests", "Requests to the health endpoint by route and status.",
               {{"path", path}, {"code", std::to_string(status)}})
      .inc();
}

}  // namespace detail

struct HealthServer::State : detail::ServerState {
  using detail::ServerState::ServerState;
};

HealthServer::HealthServer(asio::io_context& io, ServerOptions options, MetricsRegistry& metrics,
                           Endpoints endpoints)
    : state_(std::make_shared<State>(io, std::move(options), metrics, std::move(endpoints))) {}

HealthServer::~HealthServer() { stop(); }

core::Status HealthServer::start() {
  const ServerOptions& options = state_->options;
  boost::system::error_code ec;
  const auto address = asio::ip::make_address(options.host, ec);
  if (ec) return listen_error(options, "'" + options.host + "' is not an IP address");
  if (!address.is_loopback() && !options.allow_non_loopback)
    return listen_error(options,
                        "refusing a non-loopback address: /status and /metrics are not "
                        "authenticated (listen on 127.0.0.1 or ::1)");
  const tcp::endpoint endpoint(address, options.port);
  auto& acceptor = state_->acceptor;
  if (acceptor.open(endpoint.protocol(), ec); ec) return listen_error(options, ec.message());
  if (acceptor.set_option(tcp::acceptor::reuse_address(true), ec); ec)
    return listen_error(options, ec.message());
  if (acceptor.bind(endpoint, ec); ec) return listen_error(options, "bind: " + ec.message());
  if (acceptor.listen(asio::socket_base::max_listen_connections, ec); ec)
    return listen_error(options, "listen: " + ec.message());
  state_->port = acceptor.local_endpoint(ec).port();
  asio::co_spawn(state_->io, accept_loop(state_), asio::detached);
  return {};
}

std::uint16_t HealthServer::port() const { return state_->port; }

std::size_t HealthServer::open_connections() const { return state_->active; }

void HealthServer::stop() {
  state_->stopping = true;
  boost::system::error_code ignored;
  state_->acceptor.close(ignored);
  for (auto* socket : state_->open) socket->close(ignored);
}

}  // namespace msync::health
