#pragma once
// What an import leaves for the people who dropped the file: the result folder
// <name>.done/<file>/ (status.json, failures.csv, warnings.csv when non-empty, and the source
// file moved beside them), or <name>.rejected/<file> with <file>.reason. Every step is durable and
// idempotent: after a crash part way, doing it again finishes the job without losing or repeating
// anything, and nothing is ever overwritten (a name already taken gets ".<file id>" appended).
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "core/core.hpp"
#include "imports/import_paths.hpp"

namespace msync::imports {

struct PartResult {
  std::int64_t part = 0;  // 0-based
  std::optional<std::int64_t> batch_id;
  std::string status;     // "Complete", "Failed"
  std::int64_t leads_processed = 0;
  std::int64_t rows_failed = 0;
  std::int64_t rows_with_warning = 0;
  std::string message;
  // The part's failures.json / warnings.json as downloaded (header row included); empty path when
  // the part had none.
  std::filesystem::path failures_file;
  std::filesystem::path warnings_file;
};

struct ImportResult {
  std::string import;
  std::int64_t file_id = 0;
  std::string source_name;  // the file's name as dropped
  std::string sha256;
  std::int64_t program_id = 0;
  std::string program_member_status;
  std::string format;       // "csv", "tsv", "ssv"
  std::uint64_t records = 0;
  core::Timestamp taken_at;
  core::Timestamp finished_at;
  std::vector<PartResult> parts;
};

// "complete" when every part is Complete, else "failed" (the file's overall outcome).
std::string overall_outcome(const ImportResult& result);

// status.json's text: import, file, sha256, program, status, format, records, outcome, totals
// and every part with its batchId, status, counts and message.
std::string status_json(const ImportResult& result);

// Writes status.json, failures.csv and warnings.csv (each the parts' rows under one header row,
// only when there is at least one row) into <work>/result/, moves the source beside them (named
// "source-<file>" if it is called like one of them), writes <work>/published-as naming the chosen
// folder, then renames result/ to done_root/<file>/ (or <file>.<file id>, then
// <file>.<file id>.<n>).
// `source` is the taken file inside the work folder. Returns the result folder. Called again
// after a crash or after success, it finishes or returns the same folder: keep the work folder
// (published-as at least) until the state store has recorded the result.
core::Result<std::filesystem::path> publish_results(const ImportPaths& paths,
                                                    const ImportResult& result,
                                                    const std::filesystem::path& source);

// Moves `source` to rejected_root/<file> (or <file>.<n>, n = 1, 2, ...: the first name free with
// its .reason) and writes <that>.reason: the reason as its first line, then "import: <name>",
// "format: <format>", "rejected at: <ISO-8601>". Returns the rejected file's new path. A dotfile
// beside the source, .<file>.rejected-as, holds the chosen name while it works (removed at the
// end). Called again after a crash or after success (the source gone), it finishes or returns the
// same path; an existing .reason is kept as first written.
core::Result<std::filesystem::path> reject_file(const ImportPaths& paths,
                                                const std::filesystem::path& source,
                                                const std::string& import, const std::string& format,
                                                const std::string& reason, core::Timestamp at);

}  // namespace msync::imports
