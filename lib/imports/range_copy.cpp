#include "imports/range_copy.hpp"

#include <algorithm>
#include <cerrno>
#include <span>
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
  return err == ENOSYS || err == EXDEV || err == EINVAL || err == EOPNOTSUPP;  // ENOTSUP is EOPNOTSUPP
}

core::Error ended_early(OpenFile from, std::uint64_t at, std::uint64_t wanted_end) {
  return core::make_error(fmt::format("{} ends at byte {}, before byte {}: it changed while it was split",
                                      from.path.string(), at, wanted_end));
}

core::Status copy_by_reading(OpenFile from, std::uint64_t offset, std::uint64_t end, OpenFile to) {
  std::vector<char> buffer(static_cast<std::size_t>(std::min<std::uint64_t>(kReadChunk, end - offset)));
  while (offset < end) {
    const auto want = static_cast<std::size_t>(std::min<std::uint64_t>(buffer.size(), end - offset));
    const auto got = fs_ops::read_at(from.fd, from.path, offset, std::span<char>(buffer.data(), want));
    if (!got) return got.error();
    if (*got == 0) return ended_early(from, offset, end);
    std::uint64_t written = 0;
    if (auto status = fs_ops::write_all(to.fd, std::string_view(buffer.data(), *got), to.path, written); !status)
      return status;
    offset += *got;
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
    const auto got = fs_ops::read_at(from.fd, from.path, offset + done, std::span<char>(bytes).subspan(done));
    if (!got) return got.error();
    if (*got == 0) return ended_early(from, offset + done, offset + bytes.size());
    done += *got;
  }
  return {};
}

}  // namespace msync::imports
