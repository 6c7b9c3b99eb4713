#pragma once
// Names of staged files. Every part that comes from outside (a sync name from the config, an
// exportId from Marketo) is checked against a strict alphabet, so that no name can ever reach a
// path outside staging_dir.
#include <string>
#include <string_view>

#include "core/core.hpp"
#include "csv/csv.hpp"
#include "staging/compression.hpp"

namespace msync::staging {

// Only [A-Za-z0-9_-], 1 to 128 characters: no '/', no "..", no NUL, no leading dot.
// `what` names the value in the error ("exportId", "sync name").
core::Status validate_name_part(std::string_view what, std::string_view value);

// A staged file's own name: [A-Za-z0-9_.-], not starting with '.', without "..".
core::Status validate_file_name(std::string_view file_name);

// <startAt>_<endAt>_<exportId>.<ext>, bounds in ISO-8601 basic form, exactly as sent to Marketo
// (end_at is Marketo's inclusive endAt): 20240101T000000Z_20240107T235959Z_<exportId>.csv, and
// .csv.gz / .csv.zst when stored compressed.
core::Result<std::string> window_file_name(core::Timestamp start_at, core::Timestamp end_at,
                                           std::string_view export_id, csv::Format format,
                                           Compression compression = Compression::none);

// <runAt>_<exportId>.<ext>: a list snapshot names the time it was run.
core::Result<std::string> snapshot_file_name(core::Timestamp run_at, std::string_view export_id,
                                             csv::Format format,
                                             Compression compression = Compression::none);

// <file_name>.manifest.json, written beside the file once the file is in place.
std::string manifest_file_name(std::string_view file_name);

}  // namespace msync::staging
