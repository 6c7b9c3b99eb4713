#include "imports/result_layout.hpp"

#include <fstream>
#include <iterator>

#include <fmt/format.h>

#include "staging/staging.hpp"

namespace msync::imports::detail {

namespace fs = std::filesystem;

core::Error result_error(std::string_view step, std::string message) {
  return core::make_error(fmt::format("{}: {}", step, message), core::ErrorKind::permanent);
}

fs::path result_dir(const ImportPaths& paths, std::int64_t file_id) {
  return paths.work_dir(file_id) / "result";
}

fs::path publish_marker(const ImportPaths& paths, std::int64_t file_id) {
  return paths.work_dir(file_id) / "published-as";
}

fs::path reject_marker(const fs::path& source) {
  // A dotfile: when the source still sits in the inbound directory, the watcher ignores it.
  return source.parent_path() / fmt::format(".{}.rejected-as", source.filename().string());
}

std::string source_entry_name(const std::string& source_name) {
  if (source_name == kStatusFile || source_name == kFailuresFile || source_name == kWarningsFile)
    return "source-" + source_name;
  return source_name;
}

bool is_taken(const fs::path& path) {
  std::error_code ec;
  return fs::symlink_status(path, ec).type() != fs::file_type::not_found;
}

std::string free_done_name(const fs::path& done_root, const std::string& file,
                           std::int64_t file_id) {
  if (!is_taken(done_root / file)) return file;
  const std::string with_id = fmt::format("{}.{}", file, file_id);
  std::string name = with_id;
  for (int n = 2; is_taken(done_root / name); ++n) name = fmt::format("{}.{}", with_id, n);
  return name;
}

namespace {

std::string rejected_candidate(const std::string& file, int n) {
  return n == 0 ? file : fmt::format("{}.{}", file, n);
}

std::string reason_of(const std::string& name) { return name + std::string(kReasonSuffix); }

}  // namespace

std::string free_rejected_name(const fs::path& rejected_root, const std::string& file) {
  for (int n = 0;; ++n) {
    const std::string name = rejected_candidate(file, n);
    if (!is_taken(rejected_root / name) && !is_taken(rejected_root / reason_of(name))) return name;
  }
}

std::optional<std::string> last_rejected_name(const fs::path& rejected_root,
                                              const std::string& file) {
  std::optional<std::string> last;
  for (int n = 0;; ++n) {
    const std::string name = rejected_candidate(file, n);
    const bool has_file = is_taken(rejected_root / name);
    const bool has_reason = is_taken(rejected_root / reason_of(name));
    if (!has_file && !has_reason) return last;
    if (has_file && has_reason) last = name;
  }
}

core::Result<std::optional<std::string>> read_marker(const fs::path& marker) {
  if (!is_taken(marker)) return std::optional<std::string>();
  std::ifstream in(marker, std::ios::binary);
  std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  if (!in.eof() && in.fail())
    return core::make_error(fmt::format("read {}: cannot read it", marker.string()),
                            core::ErrorKind::permanent);
  while (!text.empty() && (text.back() == '\n' || text.back() == '\r')) text.pop_back();
  if (text.empty() || text == "." || text == ".." || text.find('/') != std::string::npos)
    return core::make_error(fmt::format("{} does not hold a file name", marker.string()),
                            core::ErrorKind::permanent);
  return std::optional<std::string>(std::move(text));
}

core::Status write_marker(const fs::path& marker, const std::string& name) {
  return staging::replace_file_durably(marker, name + "\n");
}

}  // namespace msync::imports::detail
