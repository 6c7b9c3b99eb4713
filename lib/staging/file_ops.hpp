#pragma once
// POSIX file steps for durable publication, each failing with the path and strerror.
// Internal to lib/staging.
#include <cstdint>
#include <filesystem>
#include <optional>
#include <span>
#include <string_view>

#include "core/core.hpp"

namespace msync::staging::detail {

inline constexpr unsigned kDirMode = 0750;
inline constexpr unsigned kFileMode = 0640;

// Owns a file descriptor; closes it on destruction.
class UniqueFd {
 public:
  explicit UniqueFd(int fd = -1) : fd_(fd) {}
  UniqueFd(UniqueFd&& other) noexcept : fd_(other.release()) {}
  UniqueFd& operator=(UniqueFd&& other) noexcept;
  UniqueFd(const UniqueFd&) = delete;
  UniqueFd& operator=(const UniqueFd&) = delete;
  ~UniqueFd();

  int get() const { return fd_; }
  int release();

 private:
  int fd_;
};

// "<action> <path>: <strerror>"; disk full is transient (space may come back), the rest permanent.
core::Error os_error(std::string_view action, const std::filesystem::path& path, int err);

// Creates the directory (and missing parents) with kDirMode whatever the umask, fsyncing each new
// entry's parent so the directory survives a crash; an existing directory is fine.
core::Status ensure_directory(const std::filesystem::path& dir);

core::Status fsync_directory(const std::filesystem::path& dir);
core::Status fsync_file(const std::filesystem::path& file);
core::Status rename_file(const std::filesystem::path& from, const std::filesystem::path& to);

// Writes the whole buffer to fd, retrying short writes; returns how many bytes reached the file
// through `written` even when it fails part way.
core::Status write_all(int fd, std::string_view bytes, const std::filesystem::path& path,
                       std::uint64_t& written);

// Reads up to into.size() bytes at `offset` (pread, EINTR retried): fewer only at the end of the
// file, 0 there.
core::Result<std::size_t> read_at(int fd, const std::filesystem::path& path, std::uint64_t offset,
                                  std::span<char> into);

// Creates or truncates the file with kFileMode, writes `content` and fsyncs it.
core::Status write_durably(const std::filesystem::path& file, std::string_view content);

// The size of a regular file, nullopt when nothing is there, an error for anything else.
core::Result<std::optional<std::uint64_t>> regular_file_size(const std::filesystem::path& file);

}  // namespace msync::staging::detail
