#include "config/read_file.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>

namespace msync::config::detail {

std::variant<std::string, int> read_file(const std::filesystem::path& path, std::size_t max_size) {
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return errno;
  std::string content;
  int failure = 0;
  char buffer[4096];
  for (;;) {
    const ssize_t n = ::read(fd, buffer, sizeof buffer);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) failure = errno;
    if (n <= 0) break;
    content.append(buffer, std::size_t(n));
    if (content.size() > max_size) {
      failure = EFBIG;
      break;
    }
  }
  ::close(fd);
  if (failure != 0) return failure;
  return content;
}

}  // namespace msync::config::detail
