#include "marketo/call_limiter.hpp"

#include <stdexcept>

namespace msync::marketo {

CallLimiter::CallLimiter(Timing& timing, std::size_t calls_per_window, Timing::Clock::duration window,
                         std::size_t max_concurrent)
    : timing_(timing), window_(calls_per_window, window), max_concurrent_(max_concurrent) {
  if (max_concurrent_ == 0) throw std::invalid_argument("CallLimiter needs max_concurrent >= 1");
}

boost::asio::awaitable<std::optional<CallLimiter::Permit>> CallLimiter::acquire() {
  for (;;) {
    if (in_flight_ >= max_concurrent_) {
      if (!co_await slot_freed_.wait()) co_return std::nullopt;
      continue;
    }
    const auto delay = window_.delay(timing_.now());
    if (delay > Timing::Clock::duration::zero()) {
      if (!co_await timing_.wait(delay)) co_return std::nullopt;
      continue;  // others may have taken the freed place meanwhile: check again
    }
    window_.record(timing_.now());
    ++in_flight_;
    co_return Permit(this);
  }
}

void CallLimiter::release() {
  --in_flight_;
  slot_freed_.notify_all();
}

}  // namespace msync::marketo
