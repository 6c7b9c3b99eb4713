#include "ticker.hpp"

namespace msync::daemon {

Ticker::Ticker(boost::asio::any_io_executor executor, std::chrono::steady_clock::duration period,
               std::function<void()> tick)
    : timer_(std::move(executor)), period_(period), tick_(std::move(tick)) {}

void Ticker::start() {
  if (running_) return;
  running_ = true;
  tick_();
  arm();
}

void Ticker::stop() {
  running_ = false;
  timer_.cancel();
}

void Ticker::arm() {
  timer_.expires_after(period_);
  timer_.async_wait([this](const boost::system::error_code& error) {
    if (error || !running_) return;
    tick_();
    arm();
  });
}

}  // namespace msync::daemon
