#include "imports/import_slots.hpp"

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/asio/use_awaitable.hpp>

namespace msync::imports {

namespace asio = boost::asio;

ImportSlots::ImportSlots(asio::any_io_executor executor, unsigned capacity)
    : executor_(std::move(executor)), capacity_(std::max(1u, capacity)) {}

bool ImportSlots::free_now() const {
  return held_ < capacity_ && std::chrono::steady_clock::now() >= blocked_until_;
}

asio::awaitable<bool> ImportSlots::acquire() {
  while (!stopped_ && !free_now()) {
    asio::steady_timer timer(executor_);
    if (held_ < capacity_) {
      timer.expires_at(blocked_until_);
    } else {
      timer.expires_at(asio::steady_timer::time_point::max());
    }
    const auto waiting = waiters_.insert(waiters_.end(), &timer);
    co_await timer.async_wait(asio::as_tuple(asio::use_awaitable));
    waiters_.erase(waiting);
    const auto state = co_await asio::this_coro::cancellation_state;
    if (state.cancelled() != asio::cancellation_type::none) co_return false;
  }
  if (stopped_) co_return false;
  ++held_;
  co_return true;
}

void ImportSlots::occupy() { ++held_; }

void ImportSlots::release() {
  if (held_ > 0) --held_;
  // One of ours left the queue, so a place is known to be free again.
  blocked_until_ = {};
  notify();
}

void ImportSlots::queue_full(std::chrono::milliseconds pause) {
  blocked_until_ = std::chrono::steady_clock::now() + pause;
  notify();
}

void ImportSlots::stop() {
  stopped_ = true;
  notify();
}

void ImportSlots::notify() {
  for (auto* timer : waiters_) timer->cancel();
}

}  // namespace msync::imports
