#include "marketo/timing.hpp"

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/asio/use_awaitable.hpp>

namespace msync::marketo {
namespace {

class SteadyTiming final : public Timing {
 public:
  Clock::time_point now() const override { return Clock::now(); }

  boost::asio::awaitable<bool> wait(Clock::duration duration) override {
    boost::asio::steady_timer timer(co_await boost::asio::this_coro::executor, duration);
    const auto [ec] = co_await timer.async_wait(boost::asio::as_tuple(boost::asio::use_awaitable));
    co_return !ec;
  }
};

}  // namespace

std::shared_ptr<Timing> make_steady_timing() { return std::make_shared<SteadyTiming>(); }

}  // namespace msync::marketo
