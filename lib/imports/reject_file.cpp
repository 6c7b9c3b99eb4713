#include <algorithm>
#include <system_error>

#include <fmt/format.h>

#include "imports/import_results.hpp"
#include "imports/result_layout.hpp"
#include "staging/staging.hpp"

namespace msync::imports {
namespace {

namespace fs = std::filesystem;
using namespace detail;

core::Error reject_error(std::string message) {
  return result_error("reject file", std::move(message));
}

std::string reason_text(const std::string& import, const std::string& format,
                        const std::string& reason, core::Timestamp at) {
  // The reason is the first line whatever it holds.
  std::string first = reason;
  std::replace(first.begin(), first.end(), '\n', ' ');
  std::replace(first.begin(), first.end(), '\r', ' ');
  return fmt::format("{}\nimport: {}\nformat: {}\nrejected at: {}\n", first, import, format,
                     core::format_iso8601(at));
}

// The name in rejected_root for a source still present: the marker's, while it is free.
core::Result<std::string> claim_name(const ImportPaths& paths, const fs::path& source,
                                     const std::optional<std::string>& marked) {
  if (marked && !is_taken(paths.rejected_root / *marked)) return *marked;
  std::string name = free_rejected_name(paths.rejected_root, source.filename().string());
  if (auto s = write_marker(reject_marker(source), name); !s) return s.error();
  return name;
}

}  // namespace

// Steps: write the chosen name to a marker beside the source (a dotfile), move the source to
// rejected_root/<name>, write <name>.reason, drop the marker. After a crash the marker says
// where the source went; once the marker is gone too, the most recent <file>[.<n>] with its
// .reason is the answer.
core::Result<fs::path> reject_file(const ImportPaths& paths, const fs::path& source,
                                   const std::string& import, const std::string& format,
                                   const std::string& reason, core::Timestamp at) {
  const fs::path marker = reject_marker(source);
  auto marked = read_marker(marker);
  if (!marked) return marked.error();
  std::string name;
  if (is_taken(source)) {
    auto claimed = claim_name(paths, source, *marked);
    if (!claimed) return claimed.error();
    name = std::move(*claimed);
    if (auto s = staging::make_directory_durably(paths.rejected_root); !s) return s.error();
    if (auto s = staging::move_durably(source, paths.rejected_root / name); !s) return s.error();
  } else if (*marked) {
    if (!is_taken(paths.rejected_root / **marked))
      return reject_error(fmt::format("{} is gone, and not to {}", source.string(),
                                      (paths.rejected_root / **marked).string()));
    name = **marked;
  } else if (auto last = last_rejected_name(paths.rejected_root, source.filename().string())) {
    return paths.rejected_root / *last;
  } else {
    return reject_error(fmt::format("{} is gone and was not rejected", source.string()));
  }
  const fs::path reason_file = paths.rejected_root / (name + std::string(kReasonSuffix));
  if (!is_taken(reason_file)) {
    const std::string text = reason_text(import, format, reason, at);
    if (auto s = staging::replace_file_durably(reason_file, text); !s) return s.error();
  }
  std::error_code ignored;
  fs::remove(marker, ignored);  // our own; if it outlives a crash, the next call drops it
  return paths.rejected_root / name;
}

}  // namespace msync::imports
