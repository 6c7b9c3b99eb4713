#pragma once
// --misbehave KIND[:TIMES]: a Marketo that answers what the real one never should, for the hostile
// answer tests. Unlike --faults (what real Marketo and its proxies do, drawn at random), each kind
// spoils the first TIMES answers it applies to (every one when TIMES is 0), so a test knows exactly
// which answers were hostile and can expect the daemon to refuse them and then carry on.
#include <cstdint>
#include <map>
#include <string>
#include <string_view>

#include "core/core.hpp"
#include "fake_marketo/sim/simulator.hpp"

namespace fake {

enum class MisbehaviourKind {
  none,
  export_id_slash,    // create.json answers an exportId holding '/' (a path of its own)
  export_id_dotdot,   // ... an exportId of "..": the parent directory
  export_id_nul,      // ... an exportId holding a NUL byte
  batch_id_slash,     // import.json answers a batchId holding '/' and ".."
  status_backwards,   // status.json answers Processing, then Queued, then the truth
  file_size_smaller,  // a Completed status.json says fileSize is 100 bytes less than the file
  file_size_larger,   // ... 100 bytes more than the file
  body_longer,        // file.json sends 4 KiB more than its Content-Length announces
  header_flood,       // status.json answers with a header line that runs on for 2 GiB
};

struct MisbehaviourSpec {
  MisbehaviourKind kind = MisbehaviourKind::none;
  std::uint64_t times = 0;  // 0: every answer the kind applies to
};

// "" is no misbehaviour; otherwise KIND[:TIMES] with KIND spelled as in misbehaviour_names().
msync::core::Result<MisbehaviourSpec> parse_misbehaviour(std::string_view text);
std::string misbehaviour_names();  // "export-id-slash, export-id-dotdot, ..." for --help

// What the transport must do beyond sending the (possibly rewritten) response.
struct RawMisbehaviour {
  std::string trailing;           // written right after the body, past its Content-Length
  std::uint64_t header_flood = 0;  // instead of the answer: a header line of up to this many bytes
};

class Misbehaviour {
 public:
  explicit Misbehaviour(MisbehaviourSpec spec) : spec_(spec) {}

  // Spoils `response`, the simulator's answer to `request`, when the kind applies and TIMES allow.
  // Returns the name of what was done, for the request log ("" when nothing was).
  std::string apply(const HttpRequest& request, HttpResponse& response, RawMisbehaviour& raw);

 private:
  bool take();

  MisbehaviourSpec spec_;
  std::uint64_t used_ = 0;
  std::map<std::string, int> backwards_steps_;  // status-backwards: how far each exportId got
};

}  // namespace fake
