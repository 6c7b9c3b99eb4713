#include <gtest/gtest.h>

#include "marketo/marketo.hpp"

namespace msync::marketo {
namespace {

using Clock = CallWindow::Clock;
using std::chrono::milliseconds;
using std::chrono::seconds;

const Clock::time_point t0 = Clock::time_point{} + std::chrono::hours(5);

TEST(CallWindow, HundredCallsFitThe101stWaitsForTheOldestToLeave) {
  CallWindow window(100, seconds(20));
  for (int i = 0; i < 100; ++i) {
    ASSERT_EQ(window.delay(t0 + milliseconds(i * 10)), Clock::duration::zero()) << i;
    window.record(t0 + milliseconds(i * 10));
  }
  // The first call went at t0; at t0 + 1 s the 101st must wait until t0 + 20 s.
  EXPECT_EQ(window.delay(t0 + seconds(1)), seconds(19));
  EXPECT_EQ(window.delay(t0 + seconds(20) - milliseconds(1)), milliseconds(1));
  EXPECT_EQ(window.delay(t0 + seconds(20)), Clock::duration::zero());
  EXPECT_EQ(window.in_window(t0 + seconds(20)), 99u);
}

TEST(CallWindow, SlidesRatherThanResetting) {
  CallWindow window(3, seconds(20));
  window.record(t0);
  window.record(t0 + seconds(5));
  window.record(t0 + seconds(10));
  EXPECT_EQ(window.delay(t0 + seconds(11)), seconds(9));   // until t0 leaves
  window.record(t0 + seconds(20));                         // in t0's place
  EXPECT_EQ(window.delay(t0 + seconds(21)), seconds(4));   // until t0 + 5 s leaves
  EXPECT_EQ(window.in_window(t0 + seconds(30)), 1u);       // only t0 + 20 s is left
}

TEST(CallWindow, IdleWindowEmpties) {
  CallWindow window(2, seconds(20));
  window.record(t0);
  window.record(t0);
  EXPECT_EQ(window.delay(t0), seconds(20));
  EXPECT_EQ(window.in_window(t0 + seconds(60)), 0u);
  EXPECT_EQ(window.delay(t0 + seconds(60)), Clock::duration::zero());
}

TEST(CallWindow, RejectsZeroLimit) {
  EXPECT_THROW(CallWindow(0, seconds(20)), std::invalid_argument);
}

}  // namespace
}  // namespace msync::marketo
