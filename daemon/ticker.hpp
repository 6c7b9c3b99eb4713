#pragma once
// Calls a function on the event loop every period until stop(): the watchdog keep-alive and the
// STATUS= refresh. Because it runs on the loop, a loop that is stuck stops ticking, which is what
// the watchdog is for. The ticker must outlive the io_context's run().
#include <chrono>
#include <functional>

#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/steady_timer.hpp>

namespace msync::daemon {

class Ticker {
 public:
  Ticker(boost::asio::any_io_executor executor, std::chrono::steady_clock::duration period, std::function<void()> tick);
  Ticker(const Ticker&) = delete;
  Ticker& operator=(const Ticker&) = delete;

  void start();  // ticks at once, then every period
  void stop();

 private:
  void arm();

  boost::asio::steady_timer timer_;
  std::chrono::steady_clock::duration period_;
  std::function<void()> tick_;
  bool running_ = false;
};

}  // namespace msync::daemon
