#include "marketo/notifier.hpp"

#include <algorithm>

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/asio/use_awaitable.hpp>

namespace msync::marketo {
namespace {

// Takes the timer off the list however the wait ends, even when the coroutine frame is destroyed
// without resuming (io_context torn down), so notify_all() never touches a dead timer.
struct Registration {
  std::list<boost::asio::steady_timer*>& waiters;
  boost::asio::steady_timer* timer;

  bool still_waiting() const {
    return std::find(waiters.begin(), waiters.end(), timer) != waiters.end();
  }
  ~Registration() { waiters.remove(timer); }
};

}  // namespace

boost::asio::awaitable<bool> Notifier::wait() {
  boost::asio::steady_timer timer(co_await boost::asio::this_coro::executor,
                                  boost::asio::steady_timer::time_point::max());
  waiters_.push_back(&timer);
  const Registration registration{waiters_, &timer};
  (void)co_await timer.async_wait(boost::asio::as_tuple(boost::asio::use_awaitable));
  // notify_all() takes the timers it cancels off the list; any other wake-up is a cancellation.
  co_return !registration.still_waiting();
}

void Notifier::notify_all() {
  const auto woken = std::move(waiters_);
  waiters_.clear();
  for (boost::asio::steady_timer* timer : woken) timer->cancel();
}

}  // namespace msync::marketo
