#pragma once
// Every HTTP call the client makes is reported once: to the observer (state store, metrics) and
// as one debug line on the "marketo" logger. Neither ever sees a URL query, token or secret.
#include <chrono>
#include <functional>
#include <memory>
#include <string_view>

#include <spdlog/logger.h>

namespace msync::marketo {

// endpoint: "identity.token", "export.create", ...; http_status 0 when no answer arrived;
// code: Marketo's error code or "".
using CallObserver =
    std::function<void(std::string_view endpoint, unsigned http_status, std::string_view code)>;

class CallRecorder {
 public:
  explicit CallRecorder(CallObserver observer);
  void record(std::string_view endpoint, unsigned http_status, std::string_view code,
              std::chrono::steady_clock::duration took) const;
  // A failed attempt about to be made again: one warning, so that a refused answer is never silent
  // even when the next attempt succeeds. `message` must already be redacted.
  void retrying(std::string_view message, unsigned attempt, unsigned max_attempts) const;

 private:
  CallObserver observer_;
  std::shared_ptr<spdlog::logger> log_;
};

}  // namespace msync::marketo
