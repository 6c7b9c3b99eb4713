#include "staging/file_ops.hpp"

#include <cerrno>
#include <cstring>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <fmt/format.h>

namespace msync::staging::detail {

UniqueFd& UniqueFd::operator=(UniqueFd&& other) noexcept {
  if (this != &other) {
    if (fd_ >= 0) ::close(fd_);
    fd_ = other.release();
  }
  return *this;
}

UniqueFd::~UniqueFd() {
  if (fd_ >= 0) ::close(fd_);
}

int UniqueFd::release() {
  const int fd = fd_;
  fd_ = -1;
  return fd;
}

core::Error os_error(std::string_view action, const std::filesystem::path& path, int err) {
  const bool transient = err == ENOSPC || err == EDQUOT || err == EINTR || err == EAGAIN;
  return core::make_error(fmt::format("{} {}: {}", action, path.string(), std::strerror(err)),
                          transient ? core::ErrorKind::transient : core::ErrorKind::permanent);
}

core::Status ensure_directory(const std::filesystem::path& dir) {
  if (::mkdir(dir.c_str(), kDirMode) == 0) {
    if (::chmod(dir.c_str(), kDirMode) != 0) return os_error("chmod", dir, errno);
    const std::filesystem::path parent = dir.parent_path();
    return fsync_directory(parent.empty() ? std::filesystem::path(".") : parent);
  }
  const int err = errno;
  if (err == ENOENT && dir.has_parent_path() && dir.parent_path() != dir) {
    if (auto parent = ensure_directory(dir.parent_path()); !parent) return parent;
    return ensure_directory(dir);
  }
  if (err != EEXIST) return os_error("mkdir", dir, err);
  struct stat st {};
  if (::stat(dir.c_str(), &st) != 0) return os_error("stat", dir, errno);
  if (!S_ISDIR(st.st_mode)) return os_error("mkdir", dir, ENOTDIR);
  return {};
}

core::Status fsync_directory(const std::filesystem::path& dir) {
  UniqueFd fd(::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC));
  if (fd.get() < 0) return os_error("open directory", dir, errno);
  if (::fsync(fd.get()) != 0) return os_error("fsync directory", dir, errno);
  return {};
}

core::Status fsync_file(const std::filesystem::path& file) {
  UniqueFd fd(::open(file.c_str(), O_RDONLY | O_CLOEXEC));
  if (fd.get() < 0) return os_error("open", file, errno);
  if (::fsync(fd.get()) != 0) return os_error("fsync", file, errno);
  return {};
}

core::Status rename_file(const std::filesystem::path& from, const std::filesystem::path& to) {
  if (::rename(from.c_str(), to.c_str()) != 0)
    return os_error(fmt::format("rename {} to", from.string()), to, errno);
  return {};
}

core::Status write_all(int fd, std::string_view bytes, const std::filesystem::path& path,
                       std::uint64_t& written) {
  written = 0;
  while (written < bytes.size()) {
    const ::ssize_t n = ::write(fd, bytes.data() + written, bytes.size() - written);
    if (n < 0) {
      if (errno == EINTR) continue;
      return os_error("write", path, errno);
    }
    written += static_cast<std::uint64_t>(n);
  }
  return {};
}

core::Result<std::size_t> read_at(int fd, const std::filesystem::path& path, std::uint64_t offset,
                                  std::span<char> into) {
  for (;;) {
    const ::ssize_t n = ::pread(fd, into.data(), into.size(), static_cast<::off_t>(offset));
    if (n >= 0) return static_cast<std::size_t>(n);
    if (errno != EINTR) return os_error("read", path, errno);
  }
}

core::Status write_durably(const std::filesystem::path& file, std::string_view content) {
  UniqueFd fd(::open(file.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, kFileMode));
  if (fd.get() < 0) return os_error("create", file, errno);
  if (::fchmod(fd.get(), kFileMode) != 0) return os_error("chmod", file, errno);
  std::uint64_t written = 0;
  if (auto status = write_all(fd.get(), content, file, written); !status) return status;
  if (::fsync(fd.get()) != 0) return os_error("fsync", file, errno);
  return {};
}

core::Result<std::optional<std::uint64_t>> regular_file_size(const std::filesystem::path& file) {
  struct stat st {};
  if (::stat(file.c_str(), &st) != 0) {
    if (errno == ENOENT) return std::optional<std::uint64_t>();
    return os_error("stat", file, errno);
  }
  if (!S_ISREG(st.st_mode))
    return core::make_error(fmt::format("{} is not a regular file", file.string()),
                            core::ErrorKind::permanent);
  return std::optional<std::uint64_t>(static_cast<std::uint64_t>(st.st_size));
}

}  // namespace msync::staging::detail
