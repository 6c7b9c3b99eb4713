#pragma once
// Timing for tests: now() moves only when the test advances it. A wait either completes at once
// (auto_advance: the clock jumps by the wait) or stays pending until advance() passes its end.
#include <algorithm>
#include <list>
#include <vector>

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/asio/use_awaitable.hpp>

#include "marketo/timing.hpp"

namespace msync::marketo::testing {

class ManualTiming final : public Timing {
 public:
  explicit ManualTiming(bool auto_advance) : auto_advance_(auto_advance) {}

  Clock::time_point now() const override { return now_; }

  boost::asio::awaitable<bool> wait(Clock::duration duration) override {
    waits.push_back(duration);
    if (auto_advance_) {
      now_ += duration;
      co_return true;
    }
    boost::asio::steady_timer timer(co_await boost::asio::this_coro::executor,
                                    boost::asio::steady_timer::time_point::max());
    Waiter waiter{now_ + duration, &timer, false};
    waiters_.push_back(&waiter);
    (void)co_await timer.async_wait(boost::asio::as_tuple(boost::asio::use_awaitable));
    waiters_.remove(&waiter);
    co_return waiter.fired;
  }

  void advance(Clock::duration by) {
    now_ += by;
    for (Waiter* w : waiters_) {
      if (w->due <= now_ && !w->fired) {
        w->fired = true;
        w->timer->cancel();
      }
    }
  }

  std::size_t pending() const { return waiters_.size(); }

  std::vector<Clock::duration> waits;  // every wait asked for, in order

 private:
  struct Waiter {
    Clock::time_point due;
    boost::asio::steady_timer* timer;
    bool fired;
  };

  bool auto_advance_;
  Clock::time_point now_ = Clock::time_point{} + std::chrono::hours(1);
  std::list<Waiter*> waiters_;
};

}  // namespace msync::marketo::testing
