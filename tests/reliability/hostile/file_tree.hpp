#pragma once
// What a run left on disk, for checks that look at everything: every entry below a root, and the
// bytes of a file.
#include <filesystem>
#include <string>
#include <vector>

namespace msync::reliability {

struct TreeEntry {
  std::filesystem::path relative;  // to the root walked
  bool directory = false;
  unsigned mode = 0;  // permission bits
};

// Every file and directory below root (symlinks listed, not followed), sorted by path.
std::vector<TreeEntry> walk_tree(const std::filesystem::path& root);

// The entries whose relative path does not start with one of `allowed` (each a relative path:
// "staging" allows staging itself and everything below it).
std::vector<std::string> outside(const std::vector<TreeEntry>& entries, const std::vector<std::string>& allowed);

std::string read_bytes(const std::filesystem::path& file);

}  // namespace msync::reliability
