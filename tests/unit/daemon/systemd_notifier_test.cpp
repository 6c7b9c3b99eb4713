// SystemdNotifier against a real unix datagram socket named by NOTIFY_SOCKET, as systemd has it.
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include <cstdlib>

#include "daemon/systemd_notifier.hpp"
#include "support/temp_dir.hpp"

namespace msync::daemon {
namespace {

using ::testing::MatchesRegex;
using ::testing::StartsWith;

class NotifySocket : public ::testing::Test {
 protected:
  void SetUp() override {
    fd_ = ::socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC | SOCK_NONBLOCK, 0);
    ASSERT_GE(fd_, 0);
    sockaddr_un address{};
    address.sun_family = AF_UNIX;
    const auto path = (dir_ / "notify").string();
    ASSERT_LT(path.size(), sizeof address.sun_path);
    path.copy(address.sun_path, path.size());
    ASSERT_EQ(::bind(fd_, reinterpret_cast<sockaddr*>(&address), sizeof address), 0);
    ::setenv("NOTIFY_SOCKET", path.c_str(), 1);
  }
  void TearDown() override {
    ::unsetenv("NOTIFY_SOCKET");
    ::unsetenv("WATCHDOG_USEC");
    ::close(fd_);
  }

  // Every datagram sent so far (sd_notify has returned, so they are queued).
  std::vector<std::string> received() {
    std::vector<std::string> out;
    char buffer[4096];
    for (;;) {
      const ssize_t n = ::recv(fd_, buffer, sizeof buffer, 0);
      if (n < 0) break;
      out.emplace_back(buffer, static_cast<std::size_t>(n));
    }
    return out;
  }

  test_support::TempDir dir_;
  int fd_ = -1;
};

TEST_F(NotifySocket, SendsEachMessageOnceAndStatusOnlyWhenItChanges) {
  SystemdNotifier notifier;
  EXPECT_TRUE(notifier.enabled());
  EXPECT_FALSE(notifier.watchdog_interval().has_value());
  notifier.ready("1 sync:\nstarting");
  notifier.status("1 sync:\nstarting");
  notifier.status("1 sync: 2 staged");
  notifier.watchdog();
  notifier.reloading();
  notifier.stopping("stopping");
  const auto messages = received();
  ASSERT_EQ(messages.size(), 5u);
  EXPECT_EQ(messages[0], "READY=1\nSTATUS=1 sync: starting");
  EXPECT_EQ(messages[1], "STATUS=1 sync: 2 staged");
  EXPECT_EQ(messages[2], "WATCHDOG=1");
  EXPECT_THAT(messages[3], MatchesRegex("RELOADING=1\nMONOTONIC_USEC=[1-9][0-9]*\nSTATUS=.*"));
  EXPECT_EQ(messages[4], "STOPPING=1\nSTATUS=stopping");
}

TEST_F(NotifySocket, WatchdogIntervalComesFromWatchdogUsec) {
  ::setenv("WATCHDOG_USEC", "3000000", 1);
  SystemdNotifier notifier;
  ASSERT_TRUE(notifier.watchdog_interval().has_value());
  EXPECT_EQ(*notifier.watchdog_interval(), std::chrono::seconds(3));
}

TEST(SystemdNotifier, WithoutNotifySocketNothingIsSentAndNothingFails) {
  ::unsetenv("NOTIFY_SOCKET");
  SystemdNotifier notifier;
  EXPECT_FALSE(notifier.enabled());
  notifier.ready("x");
  notifier.watchdog();
  notifier.stopping("y");
}

}  // namespace
}  // namespace msync::daemon
