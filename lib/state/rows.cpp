#include "state/rows.hpp"

namespace msync::state::rows {
namespace {

std::optional<core::Timestamp> optional_timestamp(const sqlite::Statement& row, int column) {
  const auto s = row.optional_int64(column);
  return s ? std::optional<core::Timestamp>(timestamp(*s)) : std::nullopt;
}

}  // namespace

// The schema's CHECK constraints admit only known names, so the fallbacks below cannot be reached
// by a database this program wrote.
Window window(const sqlite::Statement& row, int c) {
  Window w;
  w.id = WindowId{row.int64(c)};
  w.sync = row.text(c + 1);
  w.kind = parse_window_kind(row.text(c + 2)).value_or(WindowKind::backfill);
  w.start = timestamp(row.int64(c + 3));
  w.end = timestamp(row.int64(c + 4));
  w.planned_at = timestamp(row.int64(c + 5));
  w.staged_at = optional_timestamp(row, c + 6);
  w.attempts = row.int64(c + 7);
  w.program_id = row.int64(c + 8);
  return w;
}

Job job(const sqlite::Statement& row, int c) {
  Job j;
  j.id = JobId{row.int64(c)};
  j.window = WindowId{row.int64(c + 1)};
  j.state = parse_job_state(row.text(c + 2)).value_or(JobState::failed);
  j.export_id = row.optional_text(c + 3);
  j.intent_at = timestamp(row.int64(c + 4));
  j.updated_at = timestamp(row.int64(c + 5));
  j.created_at = optional_timestamp(row, c + 6);
  j.queued_at = optional_timestamp(row, c + 7);
  j.started_at = optional_timestamp(row, c + 8);
  j.finished_at = optional_timestamp(row, c + 9);
  j.number_of_records = row.optional_int64(c + 10);
  j.file_size = row.optional_int64(c + 11);
  j.file_checksum = row.optional_text(c + 12);
  j.part_path = row.optional_text(c + 13);
  j.bytes_on_disk = row.int64(c + 14);
  j.staged_path = row.optional_text(c + 15);
  j.manifest_path = row.optional_text(c + 16);
  j.staged_records = row.optional_int64(c + 17);
  j.staged_bytes = row.optional_int64(c + 18);
  j.sha256 = row.optional_text(c + 19);
  j.staged_at = optional_timestamp(row, c + 20);
  j.error = row.optional_text(c + 21);
  return j;
}

Sync sync(const sqlite::Statement& row, int c) {
  Sync s;
  s.name = row.text(c);
  s.kind = parse_sync_kind(row.text(c + 1)).value_or(SyncKind::incremental);
  s.start = timestamp(row.int64(c + 2));
  s.watermark = timestamp(row.int64(c + 3));
  s.error = row.optional_text(c + 4);
  s.error_at = optional_timestamp(row, c + 5);
  return s;
}

ImportFile import_file(const sqlite::Statement& row, int c) {
  ImportFile f;
  f.id = ImportFileId{row.int64(c)};
  f.import = row.text(c + 1);
  f.source = row.text(c + 2);
  f.sha256 = row.text(c + 3);
  f.taken_at = timestamp(row.int64(c + 4));
  f.parts = row.optional_int64(c + 5);
  f.finished_at = optional_timestamp(row, c + 6);
  f.outcome = row.optional_text(c + 7);
  f.message = row.optional_text(c + 8);
  return f;
}

ImportBatch import_batch(const sqlite::Statement& row, int c) {
  ImportBatch b;
  b.id = ImportBatchId{row.int64(c)};
  b.file = ImportFileId{row.int64(c + 1)};
  b.import = row.text(c + 2);
  b.source = row.text(c + 3);
  b.part = row.int64(c + 4);
  b.part_path = row.text(c + 5);
  b.state = parse_import_state(row.text(c + 6)).value_or(ImportState::failed);
  b.batch_id = row.optional_int64(c + 7);
  b.intent_at = timestamp(row.int64(c + 8));
  b.updated_at = timestamp(row.int64(c + 9));
  b.leads_processed = row.optional_int64(c + 10);
  b.rows_failed = row.optional_int64(c + 11);
  b.rows_with_warning = row.optional_int64(c + 12);
  b.message = row.optional_text(c + 13);
  return b;
}

}  // namespace msync::state::rows
