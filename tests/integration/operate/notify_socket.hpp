#pragma once
// The receiving end of sd_notify(3), as systemd has it: a unix datagram socket whose path the
// daemon gets as NOTIFY_SOCKET. Every datagram is kept, in order.
#include <chrono>
#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace msync::operate_test {

class NotifySocket {
 public:
  explicit NotifySocket(std::filesystem::path path);
  ~NotifySocket();
  NotifySocket(const NotifySocket&) = delete;
  NotifySocket& operator=(const NotifySocket&) = delete;

  const std::filesystem::path& path() const { return path_; }

  // Receives until a message at index `from` or later satisfies `match`, or the deadline passes;
  // returns the index of the first such message.
  std::optional<std::size_t> wait_for(const std::function<bool(const std::string&)>& match,
                                      std::chrono::milliseconds deadline, std::size_t from = 0);
  // Messages starting with `prefix` (e.g. "READY=1").
  std::optional<std::size_t> wait_for_prefix(const std::string& prefix, std::chrono::milliseconds deadline,
                                             std::size_t from = 0);
  // Receives whatever arrives within `period`.
  void drain(std::chrono::milliseconds period);
  const std::vector<std::string>& messages() const { return messages_; }

 private:
  bool receive(std::chrono::milliseconds timeout);

  std::filesystem::path path_;
  int fd_ = -1;
  std::vector<std::string> messages_;
};

}  // namespace msync::operate_test
