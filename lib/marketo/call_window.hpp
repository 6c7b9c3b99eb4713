#pragma once
// The sliding-window arithmetic of the call budget (at most `limit` calls in any `window`), pure
// so that it can be tested with explicit times.
#include <chrono>
#include <cstddef>
#include <deque>

namespace msync::marketo {

class CallWindow {
 public:
  using Clock = std::chrono::steady_clock;

  CallWindow(std::size_t limit, Clock::duration window);

  // How long from `now` until one more call fits; zero when it fits now.
  Clock::duration delay(Clock::time_point now);
  // Counts a call sent at `now` (callers first check delay(now) == 0).
  void record(Clock::time_point now);
  // Calls sent within the window that ends at `now`.
  std::size_t in_window(Clock::time_point now);

 private:
  void forget_before(Clock::time_point now);

  std::size_t limit_;
  Clock::duration window_;
  std::deque<Clock::time_point> sent_;
};

}  // namespace msync::marketo
