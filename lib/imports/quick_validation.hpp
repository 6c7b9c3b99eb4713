#pragma once
// The validator's path for the common case, a valid file: one read with csv::ShapeCheck, the text
// check and the SHA-256 (on a thread of its own), and the header row alone parsed into names. Per
// field it does a few instructions where RecordReader builds a string with its line and column,
// so a valid 100 MB file is vouched for several times faster. It vouches or declines: on the first
// doubt it stops reading, and validate_import_file reads the file again with RecordReader to name
// the problem at its line and column. Private to lib/imports.
#include <cstdint>
#include <filesystem>
#include <optional>

#include "csv/csv.hpp"
#include "imports/field_catalog.hpp"
#include "imports/file_validator.hpp"

namespace msync::imports {

// The file's header, records, size and digest, and where to cut it into parts under
// max_part_bytes, when it is certainly valid; nullopt otherwise (invalid, unreadable, or only in
// doubt).
std::optional<ValidatedFile> validate_quickly(const std::filesystem::path& file, csv::Format format,
                                              const FieldCatalog& fields, std::uint64_t max_part_bytes);

}  // namespace msync::imports
