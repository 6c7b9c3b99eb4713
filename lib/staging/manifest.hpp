#pragma once
// The manifest written beside each staged file: what was asked of Marketo and what arrived.
// A reader that sees a manifest may load its file; it is written only after the file is in place.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/core.hpp"
#include "csv/csv.hpp"
#include "staging/compression.hpp"

namespace msync::staging {

inline constexpr int kManifestVersion = 1;

struct ManifestFilter {
  std::string type;  // createdAt | updatedAt | staticListId | staticListName | smartListId | ...
  // Windowed filters: the bounds exactly as sent to Marketo (end_at is Marketo's inclusive endAt).
  std::optional<core::Timestamp> start_at;
  std::optional<core::Timestamp> end_at;
  std::string value;  // list filters: the list's id or name

  bool windowed() const { return start_at.has_value(); }
  bool operator==(const ManifestFilter&) const = default;
};

struct Manifest {
  std::string sync;
  std::string entity;  // "leads"
  std::string file;    // the staged file's name (window_file_name / snapshot_file_name)
  ManifestFilter filter;
  std::string export_id;
  csv::Format format = csv::Format::csv;
  std::vector<std::string> fields;          // REST API names, in file order
  std::vector<std::string> column_headers;  // the header row as written, one per field
  std::uint64_t records = 0;                // data rows, header excluded
  // bytes and sha256 describe the raw content Marketo sent (its fileSize and fileChecksum), also
  // when the file is stored compressed; stored_bytes is the staged file's own size on disk.
  std::uint64_t bytes = 0;
  std::string sha256;  // "sha256:<hex>"
  Compression compression = Compression::none;
  std::uint64_t stored_bytes = 0;
  core::Timestamp staged_at;

  bool operator==(const Manifest&) const = default;
};

// JSON: manifestVersion, sync, entity, file, filter {type, startAt, endAt} or {type, value},
// exportId, format, fields, columnHeaders, records, bytes, sha256, compression, storedBytes,
// nullMarker, stagedAt. A manifest without compression / storedBytes (written before they
// existed) reads as uncompressed with storedBytes = bytes.
std::string render_manifest(const Manifest& manifest);
core::Result<Manifest> parse_manifest(std::string_view json);

}  // namespace msync::staging
