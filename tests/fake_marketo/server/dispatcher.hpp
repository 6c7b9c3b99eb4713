#pragma once
// Everything the server decides about one request, without sockets: which faults it meets, the
// admin endpoints, and the simulator's answer. The transport (http_server.cpp) only carries bytes.
#include <chrono>
#include <cstdint>
#include <optional>
#include <string>

#include "fake_marketo/sim/simulator.hpp"
#include "server/fault_injector.hpp"
#include "server/misbehaviour.hpp"
#include "server/request_log.hpp"

namespace fake {

struct Answer {
  HttpResponse response;
  std::optional<std::uint64_t> cut_after;  // close the connection after this many file bytes
  std::string faults;                      // for the request log
  RawMisbehaviour raw;                     // --misbehave: bytes beyond the answer, a header flood
};

class Dispatcher {
 public:
  Dispatcher(Simulator& simulator, FaultInjector& faults, RequestLog& log)
      : simulator_(simulator), faults_(faults), log_(log) {}

  void set_misbehaviour(MisbehaviourSpec spec) { misbehaviour_ = Misbehaviour(spec); }

  // Step 1: the faults this request meets (none for /admin/ and unknown prefixes). The caller waits
  // out decision.stall before step 2, so the simulator sees the time the answer is really made.
  FaultDecision plan(const HttpRequest& request);

  // Step 2: the answer. Admin endpoints answer only loopback peers.
  Answer respond(const HttpRequest& request, const FaultDecision& decision, bool loopback_peer);

  // Step 3: what was sent, into the request log.
  void record(const HttpRequest& request, const Answer& answer, std::uint64_t body_bytes_sent);

 private:
  HttpResponse admin(const HttpRequest& request, bool loopback_peer);
  HttpResponse fault_answer(FaultKind kind);
  HttpResponse program_members(const std::string& target);
  SimTime now();

  Simulator& simulator_;
  FaultInjector& faults_;
  RequestLog& log_;
  Misbehaviour misbehaviour_{MisbehaviourSpec{}};
  SimTime last_now_{};
  std::uint64_t fault_answers_ = 0;
};

// The path of a request target, without its query.
std::string_view target_path(std::string_view target);

}  // namespace fake
