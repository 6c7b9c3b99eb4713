#pragma once
// How records map to columns: the SELECT lists and their decoders, shared by every query.
#include <cstdint>
#include <optional>

#include "core/time.hpp"
#include "state/records.hpp"
#include "state/sqlite/statement.hpp"

namespace msync::state::rows {

inline std::int64_t seconds(core::Timestamp t) { return t.time_since_epoch().count(); }
inline core::Timestamp timestamp(std::int64_t s) { return core::Timestamp{core::Seconds{s}}; }
inline std::optional<std::int64_t> seconds(const std::optional<core::Timestamp>& t) {
  return t ? std::optional<std::int64_t>(seconds(*t)) : std::nullopt;
}

// The live job states as an SQL list, matching is_live() and the jobs_one_live_per_window index.
inline constexpr const char* live_states =
    "('intent', 'created', 'queued', 'processing', 'completed', 'downloading')";

// Columns of a window joined with its sync ("w", "s"): window_columns_count of them.
inline constexpr const char* window_columns =
    "w.id, s.name, w.kind, w.start_at, w.end_at, w.planned_at, w.staged_at, "
    "(SELECT count(*) FROM jobs a WHERE a.window_id = w.id), w.program_id";
inline constexpr int window_columns_count = 9;

// Columns of a job ("j").
inline constexpr const char* job_columns =
    "j.id, j.window_id, j.state, j.export_id, j.intent_at, j.updated_at, j.created_at, "
    "j.queued_at, j.started_at, j.finished_at, j.number_of_records, j.file_size, "
    "j.file_checksum, j.part_path, j.bytes_on_disk, j.staged_path, j.manifest_path, "
    "j.staged_records, j.staged_bytes, j.sha256, j.staged_at, j.error";
inline constexpr int job_columns_count = 22;

inline constexpr const char* sync_columns =
    "s.name, s.kind, s.start_at, s.watermark, s.error, s.error_at";

inline constexpr const char* live_import_states = "('intent', 'queued', 'importing')";

// Columns of an import file ("f") and of a batch ("b") joined with its file.
inline constexpr const char* import_file_columns =
    "f.id, f.import, f.source, f.sha256, f.taken_at, f.parts, f.finished_at, f.outcome, f.message";
inline constexpr const char* import_batch_columns =
    "b.id, b.file_id, f.import, f.source, b.part, b.part_path, b.state, b.batch_id, b.intent_at, "
    "b.updated_at, b.leads_processed, b.rows_failed, b.rows_with_warning, b.message";

Window window(const sqlite::Statement& row, int first);
Job job(const sqlite::Statement& row, int first);
Sync sync(const sqlite::Statement& row, int first);
ImportFile import_file(const sqlite::Statement& row, int first);
ImportBatch import_batch(const sqlite::Statement& row, int first);

}  // namespace msync::state::rows
