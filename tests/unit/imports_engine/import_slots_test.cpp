#include <gtest/gtest.h>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/io_context.hpp>

#include "imports/imports.hpp"

namespace msync::imports::test {
namespace {

namespace asio = boost::asio;

TEST(ImportSlots, AWaiterGetsThePlaceThatIsGivenBack) {
  asio::io_context io;
  ImportSlots slots(io.get_executor(), 2);
  int acquired = 0;
  auto take = [&]() -> asio::awaitable<void> {
    if (co_await slots.acquire()) ++acquired;
  };
  for (int i = 0; i < 3; ++i) asio::co_spawn(io, take(), asio::detached);
  io.run_for(std::chrono::milliseconds(20));
  EXPECT_EQ(acquired, 2);
  EXPECT_EQ(slots.held(), 2u);
  slots.release();
  io.restart();
  io.run_for(std::chrono::milliseconds(20));
  EXPECT_EQ(acquired, 3);
  EXPECT_EQ(slots.held(), 2u);
}

TEST(ImportSlots, QueueFullHoldsNewUploadsUntilOneOfOursLeaves) {
  asio::io_context io;
  ImportSlots slots(io.get_executor(), 10);
  slots.occupy();
  slots.queue_full(std::chrono::hours(1));
  bool acquired = false;
  asio::co_spawn(io, [&]() -> asio::awaitable<void> { acquired = co_await slots.acquire(); }, asio::detached);
  io.run_for(std::chrono::milliseconds(20));
  EXPECT_FALSE(acquired);
  slots.release();
  io.restart();
  io.run_for(std::chrono::milliseconds(20));
  EXPECT_TRUE(acquired);
}

TEST(ImportSlots, StopEndsEveryWait) {
  asio::io_context io;
  ImportSlots slots(io.get_executor(), 1);
  slots.occupy();
  int ended = 0;
  bool any_acquired = false;
  for (int i = 0; i < 2; ++i) {
    asio::co_spawn(io, [&]() -> asio::awaitable<void> {
      any_acquired |= co_await slots.acquire();
      ++ended;
    }, asio::detached);
  }
  io.run_for(std::chrono::milliseconds(10));
  slots.stop();
  io.restart();
  io.run_for(std::chrono::milliseconds(20));
  EXPECT_EQ(ended, 2);
  EXPECT_FALSE(any_acquired);
}

}  // namespace
}  // namespace msync::imports::test
