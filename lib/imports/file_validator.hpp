#pragma once
// Checks an inbound file before anything is sent to Marketo, reading it once in chunks (a 100 MB
// file never sits in memory): readable, not empty, valid UTF-8 (no NUL or other binary junk), a
// header row of known fields (FieldCatalog) with an `email` column and no name twice, every
// record with the header's column count, quoting well formed, at least one record. The first
// problem found rejects the file, named with its 1-based line and column (in bytes).
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "csv/csv.hpp"
#include "imports/field_catalog.hpp"
#include "imports/file_splitter.hpp"
#include "imports/part_plan.hpp"

namespace msync::imports {

struct Rejection {
  std::string what;          // "no email column in the header", "row has 5 columns, the header 6"
  std::uint64_t line = 0;    // 0 when the problem is the file as a whole (unreadable, empty)
  std::uint64_t column = 0;  // 0 when the problem is a whole line

  // "line 3, column 7: <what>", "line 3: <what>" or "<what>": the .reason file's first line.
  std::string describe() const;
};

struct ValidatedFile {
  std::vector<std::string> header;  // the header row's names, as written
  std::uint64_t records = 0;        // data rows, header excluded
  std::uint64_t bytes = 0;
  std::string sha256;               // lower-case hex of the whole file
  // Where split_import_file cuts it into parts under max_part_bytes, worked out on the way; only
  // the quick path (quick_validation.hpp) plans, and only when every record fits in a part.
  std::optional<PartPlan> plan;
};

using Validation = std::variant<ValidatedFile, Rejection>;

Validation validate_import_file(const std::filesystem::path& file, csv::Format format,
                                const FieldCatalog& fields, std::uint64_t max_part_bytes = kMaxImportBytes);

// The same checks record by record with csv::RecordReader, never the quick path (see
// quick_validation.hpp): what validate_import_file falls back to when a file is not vouched for,
// to name its first problem with line and column.
Validation validate_import_file_exactly(const std::filesystem::path& file, csv::Format format,
                                        const FieldCatalog& fields);

}  // namespace msync::imports
