#pragma once
// The local call budget: a call waits (never is sent) while the sliding window is full or
// max_concurrent calls are in flight, so that Marketo's 606 / 615 stay rare instead of routine.
#include <cstddef>
#include <optional>
#include <utility>

#include <boost/asio/awaitable.hpp>

#include "marketo/call_window.hpp"
#include "marketo/notifier.hpp"
#include "marketo/timing.hpp"

namespace msync::marketo {

class CallLimiter {
 public:
  // Holds one in-flight slot; giving it back (destruction) lets a waiting call go.
  class Permit {
   public:
    explicit Permit(CallLimiter* owner) : owner_(owner) {}
    Permit(Permit&& other) noexcept : owner_(std::exchange(other.owner_, nullptr)) {}
    Permit& operator=(Permit&&) = delete;
    ~Permit() {
      if (owner_ != nullptr) owner_->release();
    }

   private:
    CallLimiter* owner_;
  };

  CallLimiter(Timing& timing, std::size_t calls_per_window, Timing::Clock::duration window,
              std::size_t max_concurrent);

  // Waits until a call may be sent and counts it; nullopt when the wait was cancelled.
  boost::asio::awaitable<std::optional<Permit>> acquire();

  std::size_t in_flight() const { return in_flight_; }

 private:
  void release();

  Timing& timing_;
  CallWindow window_;
  std::size_t max_concurrent_;
  std::size_t in_flight_ = 0;
  Notifier slot_freed_;
};

}  // namespace msync::marketo
