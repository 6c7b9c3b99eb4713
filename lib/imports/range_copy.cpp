#include "imports/range_copy.hpp"

#include <algorithm>
#include <cerrno>
#include <vector>

#include <unistd.h>

#include <fmt/format.h>

#include "staging/file_ops.hpp"

namespace msync::imports {
namespace {

namespace fs_ops = staging::detail;

constexpr std::size_t kReadChunk = 1 << 20;

// The errors that mean "not here": the copy goes on by reading.
bool kernel_cannot(int err) {
  return err == ENOSYS || err == EXDEV || err == EINVAL || err == EOPNOTSUPP || err == ENOTSUP;
}

core::Error ended_early(OpenFile from, std::uint64_t at, std::uint64_t wanted_end) {
  return core::make_error(fmt::format("{} ends at byte {}, before byte {}: it changed while it was split",
                                      from.path.string(), at, wanted_end));
}

// Bytes read at `offset` into `into`, 0 at the end, -1 on an error (errno set).
::ssize_t pread_some(int fd, char* into, std::size_t size, std::uint64_t offset) {
  ::ssize_t n = 0;
  do {
    n = ::pread(fd, into, size, static_cast<::off_t>(offset));
  } while (n < 0 && errno == EINTR);
  return n;
}

core::Status copy_by_reading(OpenFile from, std::uint64_t offset, std::uint64_t end, OpenFile to) {
  std::vector<char> buffer(static_cast<std::size_t>(std::min<std::uint64_t>(kReadChunk, end - offset)));
  while (offset < end) {
    const auto want = static_cast<std::size_t>(std::min<std::uint64_t>(buffer.size(), end - offset));
    const ::ssize_t n = pread_some(from.fd, buffer.data(), want, offset);
    if (n < 0) return fs_ops::os_error("read", from.path, errno);
    if (n == 0) return ended_early(from, offset, end);
    std::uint64_t written = 0;
    if (auto status = fs_ops::write_all(to.fd, std::string_view(buffer.data(), static_cast<std::size_t>(n)), to.path,
                                        written);
        !status)
      return status;
    offset += static_cast<std::uint64_t>(n);
  }
  return {};
}

}  // namespace

core::Status copy_range(OpenFile from, std::uint64_t offset, std::uint64_t length, OpenFile to, CopyMethod method) {
  const std::uint64_t end = offset + length;
  auto at = static_cast<::loff_t>(offset);
  while (method == CopyMethod::in_kernel && static_cast<std::uint64_t>(at) < end) {
    const ::ssize_t n =
        ::copy_file_range(from.fd, &at, to.fd, nullptr, static_cast<std::size_t>(end - static_cast<std::uint64_t>(at)), 0);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0 && kernel_cannot(errno)) break;
    if (n < 0) return fs_ops::os_error("copy into", to.path, errno);
    if (n == 0) return ended_early(from, static_cast<std::uint64_t>(at), end);
  }
  return copy_by_reading(from, static_cast<std::uint64_t>(at), end, to);
}

core::Status read_exactly(OpenFile from, std::uint64_t offset, std::string& bytes) {
  std::size_t done = 0;
  while (done < bytes.size()) {
    const ::ssize_t n = pread_some(from.fd, bytes.data() + done, bytes.size() - done, offset + done);
    if (n < 0) return fs_ops::os_error("read", from.path, errno);
    if (n == 0) return ended_early(from, offset + done, offset + bytes.size());
    done += static_cast<std::size_t>(n);
  }
  return {};
}

}  // namespace msync::imports
