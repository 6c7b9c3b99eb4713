#include <gtest/gtest.h>

#include <boost/asio/io_context.hpp>

#include "daemon/ticker.hpp"

namespace msync::daemon {
namespace {

TEST(Ticker, TicksAtOnceThenEveryPeriodUntilStopped) {
  boost::asio::io_context io;
  int ticks = 0;
  Ticker* self = nullptr;
  Ticker ticker(io.get_executor(), std::chrono::milliseconds(1), [&] {
    if (++ticks == 3) self->stop();
  });
  self = &ticker;
  ticker.start();
  EXPECT_EQ(ticks, 1);
  io.run();  // returns once the stopped ticker no longer waits
  EXPECT_EQ(ticks, 3);
}

TEST(Ticker, StopBeforeTheFirstPeriodEndsTheWait) {
  boost::asio::io_context io;
  int ticks = 0;
  Ticker ticker(io.get_executor(), std::chrono::hours(1), [&] { ++ticks; });
  ticker.start();
  ticker.stop();
  io.run();
  EXPECT_EQ(ticks, 1);
}

}  // namespace
}  // namespace msync::daemon
