#include "staging/durable_file.hpp"

#include <cerrno>
#include <cstdio>
#include <string>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <fmt/format.h>

#include "staging/file_ops.hpp"

namespace msync::staging {
namespace {

namespace fs = std::filesystem;

fs::path directory_of(const fs::path& path) {
  const fs::path parent = path.parent_path();
  return parent.empty() ? fs::path(".") : parent;
}

core::Error move_error(const fs::path& from, const fs::path& to, int err) {
  return detail::os_error(fmt::format("move {} to", from.string()), to, err);
}

// A crash inside the link+unlink fallback below leaves two names for one file. Moving again then
// finds `to` taken by that very file (same inode, more than one link, a different directory
// entry), and finishing the move is dropping the old name.
bool is_unfinished_link_move(const fs::path& from, const fs::path& to) {
  struct stat a {}, b {};
  if (::lstat(from.c_str(), &a) != 0 || ::lstat(to.c_str(), &b) != 0) return false;
  if (!S_ISREG(a.st_mode) || a.st_dev != b.st_dev || a.st_ino != b.st_ino || a.st_nlink < 2)
    return false;
  std::error_code from_ec, to_ec;
  const fs::path from_real = fs::weakly_canonical(from, from_ec);
  const fs::path to_real = fs::weakly_canonical(to, to_ec);
  return !from_ec && !to_ec && from_real != to_real;
}

// 0, or the errno of renameat2(RENAME_NOREPLACE): atomic and never replaces. ENOSYS / EINVAL
// when the kernel or the filesystem (some network filesystems) does not offer it.
int rename_noreplace(const fs::path& from, const fs::path& to) {
#ifdef RENAME_NOREPLACE
  if (::renameat2(AT_FDCWD, from.c_str(), AT_FDCWD, to.c_str(), RENAME_NOREPLACE) == 0) return 0;
  return errno;
#else
  (void)from;
  (void)to;
  return ENOSYS;
#endif
}

// Without RENAME_NOREPLACE. A file: link(2) fails atomically when `to` exists, then the old name
// is dropped. A directory cannot be hard-linked: look, then rename; the window between is only
// a risk if another process creates `to` at that instant, which nothing does in our folders.
core::Status move_without_noreplace(const fs::path& from, const fs::path& to) {
  struct stat st {};
  if (::lstat(from.c_str(), &st) != 0) return move_error(from, to, errno);
  if (S_ISDIR(st.st_mode)) {
    struct stat existing {};
    if (::lstat(to.c_str(), &existing) == 0) return move_error(from, to, EEXIST);
    if (errno != ENOENT) return move_error(from, to, errno);
    if (::rename(from.c_str(), to.c_str()) != 0) return move_error(from, to, errno);
    return {};
  }
  if (::link(from.c_str(), to.c_str()) != 0) return move_error(from, to, errno);
  if (::unlink(from.c_str()) != 0) return detail::os_error("unlink", from, errno);
  return {};
}

core::Status rename_without_replacing(const fs::path& from, const fs::path& to) {
  const int err = rename_noreplace(from, to);
  if (err == 0) return {};
  if (err == EEXIST && is_unfinished_link_move(from, to)) {
    if (::unlink(from.c_str()) != 0) return detail::os_error("unlink", from, errno);
    return {};
  }
  if (err == ENOSYS || err == EINVAL) return move_without_noreplace(from, to);
  return move_error(from, to, err);
}

}  // namespace

core::Status make_directory_durably(const fs::path& dir) {
  if (auto made = detail::ensure_directory(dir); !made) return made;
  // Also when the directory was already there: an earlier run may have made it and stopped
  // before its entry reached the disk.
  return detail::fsync_directory(directory_of(dir));
}

core::Status replace_file_durably(const fs::path& file, std::string_view content) {
  // A dotfile beside the target: same filesystem (so the rename is atomic), and never taken for
  // a real file by the readers and watchers of these folders.
  const fs::path tmp = directory_of(file) / fmt::format(".{}.tmp", file.filename().string());
  auto written = detail::write_durably(tmp, content);
  if (written) written = detail::rename_file(tmp, file);
  if (!written) {
    ::unlink(tmp.c_str());  // our own temporary; a failure to remove it changes nothing
    return written;
  }
  return detail::fsync_directory(directory_of(file));
}

core::Status move_durably(const fs::path& from, const fs::path& to) {
  if (auto moved = rename_without_replacing(from, to); !moved) return moved;
  if (auto synced = detail::fsync_directory(directory_of(to)); !synced) return synced;
  if (directory_of(from) == directory_of(to)) return {};
  return detail::fsync_directory(directory_of(from));
}

}  // namespace msync::staging
