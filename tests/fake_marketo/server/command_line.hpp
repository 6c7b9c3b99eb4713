#pragma once
// fake-marketo's command line: serve flags (the default command) and `expect`, parsed with CLI11
// into the simulator's and the server's option structs. Nothing here opens a socket.
#include <string>
#include <variant>

#include "fake_marketo/sim/simulator.hpp"
#include "server/server.hpp"

namespace fake {

// sysexits.h, which scripts and tests rely on.
inline constexpr int exit_usage = 64;        // bad flag or flag value
inline constexpr int exit_data = 65;         // expect: a create.json body Marketo would refuse
inline constexpr int exit_unavailable = 69;  // cannot listen (address in use, ...)
inline constexpr int exit_software = 70;     // anything unexpected

struct ServeCommand {
  Options simulator;
  ServerOptions server;
};

struct ExpectCommand {
  DataOptions data;
  std::string create_body;  // the create.json body the flags describe
  std::string entity = "leads";  // the bulk export it is sent to: leads, activities, ...
  std::string api_name;          // custom_objects: the object
};

struct Stop {
  int exit_code = 0;  // --help printed (0), or a usage error printed on stderr (64)
};

using Command = std::variant<Stop, ServeCommand, ExpectCommand>;

Command parse_command_line(int argc, const char* const* argv);

}  // namespace fake
