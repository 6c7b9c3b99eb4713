#pragma once
// Where publish_results() and reject_file() keep their progress, so that doing either again after
// a crash finds what is done (the tests build these partial states by hand):
//   <work>/result/          the result folder being built; renamed whole into done_root
//   <work>/published-as     the done folder's name, written before that rename
//   <dir>/.<file>.rejected-as   beside a file being rejected: its name in rejected_root
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

#include "core/core.hpp"
#include "imports/import_paths.hpp"

namespace msync::imports::detail {

inline constexpr std::string_view kStatusFile = "status.json";
inline constexpr std::string_view kFailuresFile = "failures.csv";
inline constexpr std::string_view kWarningsFile = "warnings.csv";
inline constexpr std::string_view kReasonSuffix = ".reason";

std::filesystem::path result_dir(const ImportPaths& paths, std::int64_t file_id);
std::filesystem::path publish_marker(const ImportPaths& paths, std::int64_t file_id);
std::filesystem::path reject_marker(const std::filesystem::path& source);

// The source's name inside its result folder: its own, unless it is one of the result files'
// ("status.json" dropped by a user), then "source-<name>".
std::string source_entry_name(const std::string& source_name);

// Something (anything, a dangling link included) has this name.
bool is_taken(const std::filesystem::path& path);

// <file>, else <file>.<file id>, else <file>.<file id>.2, .3, ...: the first free in done_root.
std::string free_done_name(const std::filesystem::path& done_root, const std::string& file,
                           std::int64_t file_id);
// <file>, else <file>.1, .2, ...: the first name free in rejected_root with its .reason free too.
std::string free_rejected_name(const std::filesystem::path& rejected_root, const std::string& file);
// The name of the last <file>[.<n>] in rejected_root of that sequence that has its .reason, the
// most recent rejection of a file of that name.
std::optional<std::string> last_rejected_name(const std::filesystem::path& rejected_root,
                                              const std::string& file);

// "<step>: <message>", permanent: what publish_results() and reject_file() say when the folders
// are not in a state they can go on from.
core::Error result_error(std::string_view step, std::string message);

// A marker holds one file name; nullopt when there is no marker.
core::Result<std::optional<std::string>> read_marker(const std::filesystem::path& marker);
core::Status write_marker(const std::filesystem::path& marker, const std::string& name);

}  // namespace msync::imports::detail
