#include "imports/inbound_scan.hpp"

#include <cerrno>
#include <memory>

#include <dirent.h>
#include <sys/stat.h>

#include "imports/os_error.hpp"

namespace msync::imports::detail {
namespace {

struct DirCloser {
  void operator()(DIR* dir) const { ::closedir(dir); }
};

}  // namespace

bool is_candidate_name(std::string_view name) {
  constexpr std::string_view kPart = ".part";
  if (name.empty() || name.front() == '.') return false;
  return !(name.size() >= kPart.size() && name.substr(name.size() - kPart.size()) == kPart);
}

core::Result<std::optional<FileStat>> stat_regular_file(const std::filesystem::path& file) {
  struct stat st {};
  if (::lstat(file.c_str(), &st) != 0) {
    if (errno == ENOENT || errno == ENOTDIR) return std::optional<FileStat>();
    return os_error("stat", file, errno);
  }
  if (!S_ISREG(st.st_mode)) return std::optional<FileStat>();
  FileStat out;
  out.size = static_cast<std::uint64_t>(st.st_size);
  out.mtime_ns = static_cast<std::int64_t>(st.st_mtim.tv_sec) * 1'000'000'000 + st.st_mtim.tv_nsec;
  out.inode = static_cast<std::uint64_t>(st.st_ino);
  return std::optional<FileStat>(out);
}

core::Result<std::vector<ScannedFile>> scan_directory(const std::filesystem::path& dir) {
  std::unique_ptr<DIR, DirCloser> handle(::opendir(dir.c_str()));
  if (!handle) return os_error("read directory", dir, errno);
  std::vector<ScannedFile> files;
  for (;;) {
    errno = 0;
    const dirent* entry = ::readdir(handle.get());
    if (entry == nullptr) {
      if (errno != 0) return os_error("read directory", dir, errno);
      break;
    }
    const std::string_view name = entry->d_name;
    if (!is_candidate_name(name)) continue;
    auto stat = stat_regular_file(dir / name);
    if (!stat) return stat.error();
    if (*stat) files.push_back({std::string(name), **stat});
  }
  return files;
}

}  // namespace msync::imports::detail
