#include "imports/import_results.hpp"

#include <fmt/format.h>

#include "imports/result_layout.hpp"
#include "imports/result_rows.hpp"
#include "staging/staging.hpp"

namespace msync::imports {
namespace {

namespace fs = std::filesystem;
using namespace detail;

core::Error publish_error(std::string message) {
  return result_error("publish results", std::move(message));
}

std::vector<fs::path> files_of(const ImportResult& result, fs::path PartResult::*file) {
  std::vector<fs::path> files;
  for (const PartResult& part : result.parts)
    if (!(part.*file).empty()) files.push_back(part.*file);
  return files;
}

// A merged file is renamed into place whole, so one already there is finished.
core::Status write_rows(const fs::path& staged, std::string_view name,
                        const std::vector<fs::path>& files) {
  const fs::path target = staged / name;
  if (is_taken(target)) return {};
  const fs::path tmp = staged / fmt::format(".{}.tmp", name);
  auto wrote = merge_result_rows(files, tmp);
  if (!wrote) return wrote.error();
  if (!*wrote) return {};
  return staging::move_durably(tmp, target);
}

core::Status place_source(const fs::path& staged, const ImportResult& result,
                          const fs::path& source) {
  const fs::path placed = staged / source_entry_name(result.source_name);
  if (is_taken(source)) return staging::move_durably(source, placed);
  if (is_taken(placed)) return {};  // moved before a crash
  return publish_error(fmt::format("the source file {} is gone", source.string()));
}

// Every step may have been done already by an earlier call; none is done twice in a way that
// shows (status.json is rewritten with the same bytes).
core::Status build_result_dir(const fs::path& staged, const ImportResult& result,
                              const fs::path& source) {
  if (auto s = staging::make_directory_durably(staged); !s) return s;
  if (auto s = staging::replace_file_durably(staged / kStatusFile, status_json(result)); !s)
    return s;
  if (auto s = write_rows(staged, kFailuresFile, files_of(result, &PartResult::failures_file)); !s)
    return s;
  if (auto s = write_rows(staged, kWarningsFile, files_of(result, &PartResult::warnings_file)); !s)
    return s;
  return place_source(staged, result, source);
}

}  // namespace

// Steps: build <work>/result/, write the chosen name to <work>/published-as, rename result/ to
// done_root/<name>. A call after a crash reads the marker: no result/ left means the rename
// happened, and the marker names the folder; result/ still there means it did not, and the
// folder is built to the end and renamed under the marker's name (a fresh one if that name has
// been taken meanwhile).
core::Result<fs::path> publish_results(const ImportPaths& paths, const ImportResult& result,
                                       const fs::path& source) {
  const fs::path staged = result_dir(paths, result.file_id);
  const fs::path marker = publish_marker(paths, result.file_id);
  auto marked = read_marker(marker);
  if (!marked) return marked.error();
  if (*marked && !is_taken(staged)) {
    const fs::path done = paths.done_root / **marked;
    if (is_taken(done)) return done;
    return publish_error(fmt::format("{} names {}, which is missing, and {} is gone",
                                     marker.string(), done.string(), staged.string()));
  }
  if (auto s = build_result_dir(staged, result, source); !s) return s.error();
  std::string name;
  if (*marked && !is_taken(paths.done_root / **marked)) {
    name = **marked;
  } else {
    name = free_done_name(paths.done_root, result.source_name, result.file_id);
    if (auto s = write_marker(marker, name); !s) return s.error();
  }
  if (auto s = staging::make_directory_durably(paths.done_root); !s) return s.error();
  const fs::path done = paths.done_root / name;
  if (auto s = staging::move_durably(staged, done); !s) return s.error();
  return done;
}

}  // namespace msync::imports
