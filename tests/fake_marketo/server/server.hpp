#pragma once
// tests/fake_marketo/server, the front door: fake-marketo's HTTP(S) transport. It carries requests
// to a fake::Simulator on one io_context (one thread), injects faults, serves the admin endpoints
// and keeps the request log. Beast and SSL stay inside the .cpp files.
#include <cstdint>
#include <memory>
#include <string>

#include <boost/asio/io_context.hpp>

#include "fake_marketo/sim/simulator.hpp"
#include "server/fault_spec.hpp"
#include "server/misbehaviour.hpp"

namespace fake {

struct ServerOptions {
  std::string host = "127.0.0.1";  // an IP literal; "localhost" means 127.0.0.1
  std::uint16_t port = 0;          // 0 picks a free port
  std::string tls_cert;            // PEM chain; with tls_key, the server speaks HTTPS only
  std::string tls_key;
  std::string request_log;  // JSON lines appended here too, when set
  FaultSpec faults;
  std::uint64_t fault_seed = 1;
  MisbehaviourSpec misbehave;  // --misbehave: answers the real Marketo never gives
};

class Server {
 public:
  // Binds and listens at once. Throws std::runtime_error naming what failed (address in use,
  // unreadable certificate, request log not writable).
  Server(boost::asio::io_context& io, Simulator& simulator, ServerOptions options);
  ~Server();
  Server(const Server&) = delete;
  Server& operator=(const Server&) = delete;

  // http://127.0.0.1:PORT or https://...: the address actually bound.
  std::string url() const;

  // Starts accepting; connections are served while the io_context runs.
  void start();

 private:
  struct Impl;
  std::shared_ptr<Impl> impl_;
};

}  // namespace fake
