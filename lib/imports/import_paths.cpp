#include "imports/import_paths.hpp"

namespace msync::imports {

namespace {

// "a/b/", "a/./b" and "a/b" name one inbound directory, and its siblings must not depend on the
// spelling: "a/b/".parent_path() would be "a/b" itself.
std::filesystem::path normal_directory(const std::filesystem::path& dir) {
  std::filesystem::path normal = dir.lexically_normal();
  if (!normal.has_filename() && normal.has_relative_path()) normal = normal.parent_path();
  return normal;
}

}  // namespace

ImportPaths::ImportPaths(const std::string& import_name, const std::filesystem::path& inbound_dir)
    : inbound(normal_directory(inbound_dir)),
      work_root(inbound.parent_path() / (import_name + ".work")),
      done_root(inbound.parent_path() / (import_name + ".done")),
      rejected_root(inbound.parent_path() / (import_name + ".rejected")) {}

std::filesystem::path ImportPaths::work_dir(std::int64_t file_id) const {
  return work_root / std::to_string(file_id);
}

}  // namespace msync::imports
