#pragma once
// The durable memory of the daemon: syncs, their windows and watermarks, export jobs, and the daily
// quota and call ledgers, in one SQLite file (WAL, synchronous=FULL, user_version migrations).
// One Store per process writes; everything it returns is a plain value.
//
// The contract with the engine: record_intent() before create.json, set_created() as soon as the
// exportId is known, mark_staged() only after the file is renamed into staging/ and the directory
// fsynced. A restart then re-attaches to live_jobs() by exportId instead of creating duplicates.
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <map>
#include <optional>
#include <span>
#include <string_view>
#include <vector>

#include "core/clock.hpp"
#include "core/result.hpp"
#include "state/records.hpp"
#include "state/sqlite/database.hpp"

namespace msync::state {

class Store {
 public:
  // Opens (creating it with mode 0600 if missing) and migrates the database. The parent directory
  // must exist. The clock stamps intents and updates; it must outlive the store.
  static core::Result<Store> open(const std::filesystem::path& path, const core::Clock& clock);
  static core::Result<Store> open(const std::filesystem::path& path);  // system clock
  // For `status`: never writes, works beside a running daemon; the schema must be current.
  static core::Result<Store> open_read_only(const std::filesystem::path& path);

  static int schema_version();
  const std::filesystem::path& path() const { return path_; }

  // --- syncs ---------------------------------------------------------------------------------
  // Creates the sync if it is new; otherwise returns it as stored (its first start is kept, so a
  // caller can tell that the configuration moved it). A different kind is an error.
  core::Result<Sync> ensure_sync(std::string_view name, SyncKind kind, core::Timestamp start);
  core::Result<Sync> get_sync(std::string_view name);
  core::Result<std::vector<Sync>> list_syncs();  // by name
  core::Result<core::Timestamp> watermark(std::string_view sync);
  // A sync with an error is skipped by windows_needing_work() until the error is cleared.
  core::Status set_sync_error(std::string_view sync, std::string_view message);
  core::Status clear_sync_error(std::string_view sync);

  // --- windows -------------------------------------------------------------------------------
  // Idempotent by (sync, kind, start, end): returns the ids, existing or new, in input order.
  // Rejects a malformed window and an incremental window that overlaps another incremental one.
  core::Result<std::vector<WindowId>> add_windows(std::string_view sync,
                                                  std::span<const WindowSpec> windows);
  core::Result<Window> get_window(WindowId window);
  // Windows not staged and without a live job (never tried, or the last job failed / cancelled /
  // expired), of syncs without an error: incremental, then snapshot, then backfill; oldest first.
  core::Result<std::vector<Window>> windows_needing_work(std::size_t limit);
  // The windows of the sync of this kind, by start, each with its staged file when it has one.
  // Only windows ending after `after` (for an incremental sync, its watermark: what lies behind
  // it is staged and done, and would make each call read the sync's whole history).
  core::Result<std::vector<WindowFile>> window_files(std::string_view sync, WindowKind kind,
                                                     core::Timestamp after = core::Timestamp{});
  // The latest end of an incremental window, so the planner continues from there.
  core::Result<std::optional<core::Timestamp>> planned_until(std::string_view sync);
  // The latest planned snapshot run time.
  core::Result<std::optional<core::Timestamp>> last_snapshot_at(std::string_view sync);

  // --- export jobs ---------------------------------------------------------------------------
  // Before create.json. Fails if the window is staged or already has a live job.
  core::Result<JobId> record_intent(WindowId window);
  // intent -> created.
  core::Status set_created(JobId job, std::string_view export_id, core::Timestamp created_at);
  // created.. -> queued, processing, completed, downloading, failed, cancelled, expired (an intent
  // may only fail or be cancelled). Final states are final; staged goes through mark_staged().
  core::Status set_state(JobId job, JobState state, const JobUpdate& update = {});
  // completed / downloading -> downloading, with the .part file and how much of it is on disk.
  core::Status record_download(JobId job, std::string_view part_path, std::int64_t bytes_on_disk);
  core::Result<Job> get_job(JobId job);
  core::Result<std::optional<Job>> find_job_by_export_id(std::string_view export_id);
  // Jobs intent..downloading with their windows, oldest intent first: what a restart re-attaches.
  core::Result<std::vector<LiveJob>> live_jobs();
  core::Result<std::map<JobState, std::int64_t>> count_jobs_by_state();
  // One transaction: the job becomes staged, its window done, and the sync's watermark advances
  // (incremental windows only; a snapshot moves it to its run time). Returns the new watermark.
  core::Result<core::Timestamp> mark_staged(JobId job, const StagedFile& file);

  // --- program member imports ----------------------------------------------------------------
  // Idempotent by (import, source, sha256) among unfinished files: a file seen again after a
  // restart is the same record, while one dropped again after it finished is a new import.
  core::Result<ImportFile> take_import_file(std::string_view import, std::string_view source,
                                            std::string_view sha256);
  core::Status set_import_parts(ImportFileId file, std::int64_t parts);
  // Results written (or the file rejected): the file leaves unfinished_import_files().
  core::Status finish_import_file(ImportFileId file, std::string_view outcome,
                                  std::string_view message);
  core::Result<std::vector<ImportFile>> unfinished_import_files();  // oldest first
  // Before import.json. Fails if the part is complete or already has a live batch.
  core::Result<ImportBatchId> record_import_intent(ImportFileId file, std::int64_t part,
                                                   std::string_view part_path);
  // intent -> queued, with Marketo's batchId.
  core::Status set_import_queued(ImportBatchId batch, std::int64_t batch_id);
  // queued.. -> importing, complete, failed, cancelled (an intent may only fail or be cancelled);
  // final states are final.
  core::Status set_import_state(ImportBatchId batch, ImportState state,
                                const ImportUpdate& update = {});
  core::Result<std::vector<ImportBatch>> import_batches(ImportFileId file);  // by part, then id
  // Batches intent..importing, oldest intent first: what a restart re-attaches to by batchId.
  core::Result<std::vector<ImportBatch>> live_import_batches();

  // --- ledgers, keyed by the US Central day that contains `at` ----------------------------------
  core::Status add_export_bytes(core::Timestamp at, std::int64_t bytes);
  core::Result<std::int64_t> export_bytes(core::Timestamp at);
  // code: the Marketo error code, or the HTTP status when there is none (0: success).
  core::Status add_call(core::Timestamp at, std::string_view endpoint, int code);
  core::Result<std::vector<CallCount>> calls(core::Timestamp at);  // by endpoint, then code
  core::Result<std::int64_t> call_total(core::Timestamp at);

  // --- inspection ----------------------------------------------------------------------------
  core::Result<StatusSnapshot> status(core::Timestamp at);
  core::Result<std::vector<StagedTotals>> staged_totals();        // by sync name
  core::Result<std::vector<ImportRowTotals>> import_row_totals();  // by import name
  core::Status integrity_check();

 private:
  Store(sqlite::Database db, std::filesystem::path path, const core::Clock& clock)
      : db_(std::move(db)), path_(std::move(path)), clock_(&clock) {}

  core::Result<std::optional<Sync>> find_sync(std::string_view name);
  core::Result<std::int64_t> sync_id(std::string_view sync);
  core::Error job_refusal(std::string_view operation, JobId job);
  core::Result<Job> load_job(JobId job);
  core::Result<ImportBatch> load_import_batch(ImportBatchId batch);
  core::Result<std::vector<ImportBatch>> query_import_batches(std::string_view where,
                                                              std::optional<std::int64_t> value);
  core::Result<core::Timestamp> advance_watermark(std::int64_t sync_id, WindowKind kind,
                                                  core::Timestamp window_start);
  core::Status update_sync_error(std::string_view sync, const std::optional<std::string>& message);
  core::Error fail(std::string_view operation, const core::Error& cause) const;
  core::Error refuse(std::string operation_and_reason) const;
  std::int64_t now() const;

  sqlite::Database db_;
  std::filesystem::path path_;
  const core::Clock* clock_;
};

}  // namespace msync::state
