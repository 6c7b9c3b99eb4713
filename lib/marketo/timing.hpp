#pragma once
// Time as the client sees it: a monotonic now() and an awaitable wait. Production uses
// steady_clock and a steady_timer; tests use a manual clock that moves only when they say so.
#include <chrono>
#include <memory>

#include <boost/asio/awaitable.hpp>

namespace msync::marketo {

class Timing {
 public:
  using Clock = std::chrono::steady_clock;
  virtual ~Timing() = default;
  virtual Clock::time_point now() const = 0;
  // false when the wait was cancelled (shutdown) instead of running its course.
  virtual boost::asio::awaitable<bool> wait(Clock::duration duration) = 0;
};

std::shared_ptr<Timing> make_steady_timing();

}  // namespace msync::marketo
