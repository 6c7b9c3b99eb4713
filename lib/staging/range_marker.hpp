#pragma once
// A `_SUCCESS`-style marker for loaders that wait for a whole range rather than file by file:
// written into staging_dir/<sync>/ once every window of a contiguous range is staged (the range
// the watermark just advanced over, or a completed block of backfill windows), listing the files
// that make it up. Its name starts with '_', which Spark, Hive and Hadoop tools skip as data and
// which no staged data file name matches.
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/core.hpp"

namespace msync::staging {

inline constexpr int kRangeMarkerVersion = 1;

struct RangeMarker {
  std::string sync;
  std::string kind;  // "incremental" (the watermark advanced) or "backfill"
  core::Timestamp from;  // inclusive
  core::Timestamp to;    // exclusive: the next range starts here
  std::vector<std::string> files;  // staged file names in the sync's folder, by window start
  std::uint64_t records = 0;       // their data rows together
  core::Timestamp written_at;
};

// _SUCCESS_<kind>_<from>_<to>.json, bounds in ISO-8601 basic form:
// _SUCCESS_incremental_20240101T000000Z_20240115T000000Z.json
std::string range_marker_file_name(const RangeMarker& marker);

// JSON: markerVersion, sync, kind, from, to, fileCount, files, records, writtenAt.
std::string render_range_marker(const RangeMarker& marker);

}  // namespace msync::staging
