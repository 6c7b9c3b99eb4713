#include "reliability/hostile/file_tree.hpp"

#include <algorithm>
#include <fstream>
#include <sstream>

namespace msync::reliability {

namespace fs = std::filesystem;

std::vector<TreeEntry> walk_tree(const fs::path& root) {
  std::vector<TreeEntry> entries;
  for (const auto& entry : fs::recursive_directory_iterator(root)) {
    const auto status = entry.symlink_status();
    entries.push_back({fs::relative(entry.path(), root), fs::is_directory(status),
                       static_cast<unsigned>(status.permissions()) & 07777u});
  }
  std::sort(entries.begin(), entries.end(), [](const auto& a, const auto& b) { return a.relative < b.relative; });
  return entries;
}

std::vector<std::string> outside(const std::vector<TreeEntry>& entries, const std::vector<std::string>& allowed) {
  std::vector<std::string> strays;
  for (const auto& entry : entries) {
    const auto first = entry.relative.begin()->string();
    const bool ok = std::any_of(allowed.begin(), allowed.end(), [&](const std::string& a) {
      const auto text = entry.relative.string();
      return text == a || text.starts_with(a + "/") || (a.ends_with("*") && first.starts_with(a.substr(0, a.size() - 1)));
    });
    if (!ok) strays.push_back(entry.relative.string());
  }
  return strays;
}

std::string read_bytes(const fs::path& file) {
  std::ifstream in(file, std::ios::binary);
  std::ostringstream bytes;
  bytes << in.rdbuf();
  return bytes.str();
}

}  // namespace msync::reliability
