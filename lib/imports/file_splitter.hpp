#pragma once
// Splits a validated import file at record boundaries (a quoted newline stays inside its record)
// into parts of fewer than max_part_bytes each, every part starting with the file's header row.
// Deterministic: splitting the same file again (after a crash) writes the same parts with the same
// names, so a part already recorded in the state store is the same bytes.
#include <cstdint>
#include <filesystem>
#include <optional>
#include <vector>

#include "core/core.hpp"
#include "csv/csv.hpp"
#include "imports/part_plan.hpp"

namespace msync::imports {

// Marketo refuses an import file of 10 MB or more.
inline constexpr std::uint64_t kMaxImportBytes = 10'000'000;

struct FilePart {
  std::filesystem::path path;
  std::uint64_t records = 0;  // data rows, header excluded
  std::uint64_t bytes = 0;    // header included
};

// A file already smaller than max_part_bytes is one part: the file itself, not copied. Otherwise
// the parts are written to out_dir as part-001.<ext>, part-002.<ext>, ... (existing ones with
// those names are replaced; not fsynced: see split_part_writer.hpp). A single record that cannot
// fit under the limit with the header is an error naming its line.
//
// With the plan its validation made (part_plan.hpp) for this size of file and this limit, the
// file is not read again: each part is the header row and one range of the file, copied in the
// kernel. Without one (a file resumed after a restart, or one the quick validation did not vouch
// for) the file is read and its records found as it goes. Both ways write the same parts.
core::Result<std::vector<FilePart>> split_import_file(const std::filesystem::path& file,
                                                      csv::Format format,
                                                      std::uint64_t max_part_bytes,
                                                      const std::filesystem::path& out_dir,
                                                      const std::optional<PartPlan>& plan = std::nullopt);

}  // namespace msync::imports
