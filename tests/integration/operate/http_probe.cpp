#include "integration/operate/http_probe.hpp"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>

namespace msync::operate_test {
namespace {

int connect_to(std::uint16_t port) {
  const int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  if (fd < 0) return -1;
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_port = htons(port);
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  if (::connect(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) != 0) {
    ::close(fd);
    return -1;
  }
  return fd;
}

bool send_all(int fd, const std::string& bytes) {
  std::size_t sent = 0;
  while (sent < bytes.size()) {
    const ssize_t n = ::send(fd, bytes.data() + sent, bytes.size() - sent, MSG_NOSIGNAL);
    if (n <= 0) return false;
    sent += static_cast<std::size_t>(n);
  }
  return true;
}

HttpAnswer parse(const std::string& raw) {
  HttpAnswer answer;
  const auto header_end = raw.find("\r\n\r\n");
  if (!raw.starts_with("HTTP/1.1 ") || header_end == std::string::npos) return answer;
  answer.status = static_cast<unsigned>(std::stoul(raw.substr(9, 3)));
  for (std::size_t line = raw.find("\r\n") + 2; line < header_end;) {
    const auto eol = raw.find("\r\n", line);
    const auto colon = raw.find(':', line);
    std::string name = raw.substr(line, colon - line);
    std::transform(name.begin(), name.end(), name.begin(), [](unsigned char c) { return std::tolower(c); });
    std::string value = raw.substr(colon + 1, eol - colon - 1);
    value.erase(0, value.find_first_not_of(' '));
    answer.headers[name] = value;
    line = eol + 2;
  }
  answer.body = raw.substr(header_end + 4);
  return answer;
}

}  // namespace

HttpAnswer http_exchange(std::uint16_t port, const std::string& request, std::chrono::milliseconds deadline) {
  const int fd = connect_to(port);
  if (fd < 0) return {};
  std::string raw;
  // A server that answers early (431) may close before the whole request is written: read anyway.
  send_all(fd, request);
  const auto until = std::chrono::steady_clock::now() + deadline;
  char buffer[65536];
  for (;;) {
    const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(until - std::chrono::steady_clock::now());
    if (left.count() <= 0) break;
    pollfd p{fd, POLLIN, 0};
    if (::poll(&p, 1, static_cast<int>(left.count())) <= 0) break;
    const ssize_t n = ::recv(fd, buffer, sizeof buffer, 0);
    if (n <= 0) break;
    raw.append(buffer, static_cast<std::size_t>(n));
  }
  ::close(fd);
  return parse(raw);
}

HttpAnswer http_get(std::uint16_t port, const std::string& path, const std::string& method) {
  return http_exchange(port, method + " " + path + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");
}

OpenConnection::OpenConnection(std::uint16_t port) : fd_(connect_to(port)) {}

OpenConnection::~OpenConnection() {
  if (fd_ >= 0) ::close(fd_);
}

bool OpenConnection::send(const std::string& bytes) { return fd_ >= 0 && send_all(fd_, bytes); }

}  // namespace msync::operate_test
