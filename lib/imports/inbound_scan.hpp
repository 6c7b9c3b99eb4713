#pragma once
// What the inbound watcher sees of a directory: the names it may report and their stat. Only
// regular files count; a symbolic link is never followed (the engine moves what it takes, and
// moving a link would move the link, not the data), nor is a directory entered.
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/core.hpp"

namespace msync::imports::detail {

// What tells one version of a file from another: a write changes size or mtime, a file replaced
// under the same name has another inode.
struct FileStat {
  std::uint64_t size = 0;
  std::int64_t mtime_ns = 0;  // since the epoch
  std::uint64_t inode = 0;

  bool operator==(const FileStat&) const = default;
};

// Not a dotfile (editors' and rsync's temporaries, our own markers), not "*.part" (a download
// in progress by convention), not empty.
bool is_candidate_name(std::string_view name);

// The file's stat when it is a regular file, nullopt when it is missing or anything else.
core::Result<std::optional<FileStat>> stat_regular_file(const std::filesystem::path& file);

struct ScannedFile {
  std::string name;
  FileStat stat;
};

// Every regular file with a candidate name in `dir`; an error names the directory.
core::Result<std::vector<ScannedFile>> scan_directory(const std::filesystem::path& dir);

}  // namespace msync::imports::detail
