#pragma once
// Lets coroutines on one io_context wait until another coroutine says "something changed" (a slot
// freed, a token arrived). Waiters re-check their condition after waking.
#include <list>

#include <boost/asio/awaitable.hpp>
#include <boost/asio/steady_timer.hpp>

namespace msync::marketo {

class Notifier {
 public:
  Notifier() = default;
  Notifier(const Notifier&) = delete;
  Notifier& operator=(const Notifier&) = delete;

  // Returns after the next notify_all(); false when the waiting coroutine was cancelled instead.
  boost::asio::awaitable<bool> wait();
  void notify_all();

 private:
  std::list<boost::asio::steady_timer*> waiters_;
};

}  // namespace msync::marketo
