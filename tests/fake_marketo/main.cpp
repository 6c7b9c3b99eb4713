// fake-marketo: serve the simulator over HTTP(S), or print what an export should contain (expect).
#include <csignal>
#include <iostream>
#include <optional>
#include <stdexcept>
#include <string>

#include <boost/asio/io_context.hpp>
#include <boost/asio/signal_set.hpp>

#include "fake_marketo/sim/simulator.hpp"
#include "server/command_line.hpp"
#include "server/server.hpp"

namespace {

int serve(fake::ServeCommand command) {
  std::unique_ptr<fake::Simulator> simulator;
  try {
    simulator = fake::make_simulator(command.simulator);
  } catch (const std::invalid_argument& e) {
    std::cerr << "fake-marketo: " << e.what() << "\n";
    return fake::exit_usage;
  }
  boost::asio::io_context io{1};
  std::optional<fake::Server> server;
  try {
    server.emplace(io, *simulator, command.server);
  } catch (const std::runtime_error& e) {
    std::cerr << "fake-marketo: " << e.what() << "\n";
    return std::string(e.what()).starts_with("cannot listen") ? fake::exit_unavailable : fake::exit_usage;
  }
  // Handlers first: whoever reads the URL may send SIGTERM at once.
  boost::asio::signal_set signals(io, SIGINT, SIGTERM);
  signals.async_wait([&io](const boost::system::error_code&, int) { io.stop(); });
  std::cout << "listening on " << server->url() << std::endl;
  server->start();
  io.run();
  return 0;
}

int expect(const fake::ExpectCommand& command) {
  const auto result = fake::expect(command.data, command.create_body, command.entity, command.api_name);
  if (!result.error.empty()) {
    std::cerr << "fake-marketo expect: " << result.error << "\n";
    return fake::exit_data;
  }
  std::cout.write(result.file.data(), static_cast<std::streamsize>(result.file.size()));
  std::cout.flush();
  return std::cout ? 0 : fake::exit_software;
}

}  // namespace

int main(int argc, char** argv) {
  // sendfile() to a peer that hung up must come back as EPIPE, not kill the process.
  std::signal(SIGPIPE, SIG_IGN);
  try {
    auto command = fake::parse_command_line(argc, argv);
    if (auto* stop = std::get_if<fake::Stop>(&command)) return stop->exit_code;
    if (auto* e = std::get_if<fake::ExpectCommand>(&command)) return expect(*e);
    return serve(std::move(std::get<fake::ServeCommand>(command)));
  } catch (const std::exception& e) {
    std::cerr << "fake-marketo: " << e.what() << "\n";
    return fake::exit_software;
  }
}
