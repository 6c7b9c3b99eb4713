#include "marketo/call_recorder.hpp"

#include "core/core.hpp"

namespace msync::marketo {

CallRecorder::CallRecorder(CallObserver observer)
    : observer_(std::move(observer)), log_(core::logger("marketo")) {}

void CallRecorder::record(std::string_view endpoint, unsigned http_status, std::string_view code,
                          std::chrono::steady_clock::duration took) const {
  const auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(took).count();
  log_->debug("{} status={} code={} took={}ms", endpoint, http_status, code.empty() ? "-" : code, ms);
  if (observer_) observer_(endpoint, http_status, code);
}

void CallRecorder::retrying(std::string_view message, unsigned attempt, unsigned max_attempts) const {
  log_->warn("{}; trying again (attempt {} of {})", message, attempt + 1, max_attempts);
}

}  // namespace msync::marketo
