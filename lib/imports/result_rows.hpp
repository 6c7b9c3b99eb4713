#pragma once
// Merges the failures (or warnings) files of an import's parts into one: the first file's header
// row once, then the data rows of every file in order. Files are read one at a time (a part is
// below 10 MB) and the merged file is written as it goes, so a large import never sits in memory.
#include <filesystem>
#include <vector>

#include "core/core.hpp"

namespace msync::imports::detail {

// Writes `out` (created or truncated, fsynced) only when at least one file has a data row, and
// says whether it did. A file's header row ends at its first newline outside quotes; a file
// without a final newline gets one, so the next file's rows start on their own line.
core::Result<bool> merge_result_rows(const std::vector<std::filesystem::path>& files,
                                     const std::filesystem::path& out);

}  // namespace msync::imports::detail
