#include "integration/operate/notify_socket.hpp"

#include <poll.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include <stdexcept>

namespace msync::operate_test {

NotifySocket::NotifySocket(std::filesystem::path path) : path_(std::move(path)) {
  fd_ = ::socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0);
  if (fd_ < 0) throw std::runtime_error("socket(AF_UNIX, SOCK_DGRAM) failed");
  sockaddr_un address{};
  address.sun_family = AF_UNIX;
  const std::string text = path_.string();
  if (text.size() >= sizeof address.sun_path) throw std::runtime_error("notify socket path too long: " + text);
  text.copy(address.sun_path, text.size());
  if (::bind(fd_, reinterpret_cast<sockaddr*>(&address), sizeof address) != 0)
    throw std::runtime_error("cannot bind " + text);
}

NotifySocket::~NotifySocket() {
  ::close(fd_);
  std::error_code ignored;
  std::filesystem::remove(path_, ignored);
}

bool NotifySocket::receive(std::chrono::milliseconds timeout) {
  pollfd p{fd_, POLLIN, 0};
  if (::poll(&p, 1, static_cast<int>(timeout.count())) <= 0) return false;
  char buffer[4096];
  const ssize_t n = ::recv(fd_, buffer, sizeof buffer, 0);
  if (n < 0) return false;
  messages_.emplace_back(buffer, static_cast<std::size_t>(n));
  return true;
}

std::optional<std::size_t> NotifySocket::wait_for(const std::function<bool(const std::string&)>& match,
                                                  std::chrono::milliseconds deadline, std::size_t from) {
  const auto until = std::chrono::steady_clock::now() + deadline;
  for (std::size_t i = from;; ++i) {
    while (i >= messages_.size()) {
      const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(until - std::chrono::steady_clock::now());
      if (left.count() <= 0) return std::nullopt;
      receive(left);
    }
    if (match(messages_[i])) return i;
  }
}

std::optional<std::size_t> NotifySocket::wait_for_prefix(const std::string& prefix, std::chrono::milliseconds deadline,
                                                         std::size_t from) {
  return wait_for([&](const std::string& m) { return m.starts_with(prefix); }, deadline, from);
}

void NotifySocket::drain(std::chrono::milliseconds period) {
  const auto until = std::chrono::steady_clock::now() + period;
  for (;;) {
    const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(until - std::chrono::steady_clock::now());
    if (left.count() <= 0) return;
    receive(left);
  }
}

}  // namespace msync::operate_test
