#pragma once
// What the daemon tells the health server: its readiness and its status document.
#include <functional>
#include <string>

#include "core/result.hpp"

namespace msync::health {

struct Readiness {
  bool ready = true;
  std::string reason;  // why not ready, e.g. "state store not open"; shown to the prober
};

struct Endpoints {
  // /readyz and /healthz. Unset: always ready.
  std::function<Readiness()> readiness;
  // /status: a complete JSON document, or why there is none (503 {"error": message}).
  // Unset: 503.
  std::function<core::Result<std::string>()> status_json;
};

}  // namespace msync::health
