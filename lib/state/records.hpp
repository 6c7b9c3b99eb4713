#pragma once
// What the store hands out and takes in: plain values, no SQL. Times are UTC seconds; a window is
// half-open [start, end).
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/time.hpp"
#include "state/kinds.hpp"

namespace msync::state {

// Distinct types so a window id cannot be passed where a job id is meant.
enum class WindowId : std::int64_t {};
enum class JobId : std::int64_t {};
enum class ImportFileId : std::int64_t {};
enum class ImportBatchId : std::int64_t {};

struct Sync {
  std::string name;
  SyncKind kind = SyncKind::incremental;
  core::Timestamp start;  // as first configured
  // incremental: the end of the longest contiguous run of staged incremental windows from start
  // (start until the first is staged). snapshot: the run time of the latest staged snapshot.
  core::Timestamp watermark;
  std::optional<std::string> error;  // sync-level, e.g. 1035 "filter disabled"; set until cleared
  std::optional<core::Timestamp> error_at;
};

struct WindowSpec {
  WindowKind kind = WindowKind::incremental;
  core::Timestamp start;
  core::Timestamp end;  // exclusive; == start for a snapshot
  // A program members snapshot exports one program per window; 0: the sync's own filter.
  std::int64_t program_id = 0;
};

struct Window {
  WindowId id{};
  std::string sync;
  WindowKind kind = WindowKind::incremental;
  core::Timestamp start;
  core::Timestamp end;
  core::Timestamp planned_at;
  std::optional<core::Timestamp> staged_at;  // set once: the window is done
  std::int64_t attempts = 0;                 // export jobs recorded for it so far
  std::int64_t program_id = 0;               // as in WindowSpec
};

struct Job {
  JobId id{};
  WindowId window{};
  JobState state = JobState::intent;
  std::optional<std::string> export_id;
  core::Timestamp intent_at;
  core::Timestamp updated_at;
  std::optional<core::Timestamp> created_at;  // as Marketo reported
  std::optional<core::Timestamp> queued_at;
  std::optional<core::Timestamp> started_at;
  std::optional<core::Timestamp> finished_at;
  std::optional<std::int64_t> number_of_records;  // as Marketo reported
  std::optional<std::int64_t> file_size;
  std::optional<std::string> file_checksum;  // "sha256:…" as Marketo reported
  std::optional<std::string> part_path;
  std::int64_t bytes_on_disk = 0;  // last recorded; the .part file itself is the truth
  std::optional<std::string> staged_path;
  std::optional<std::string> manifest_path;
  std::optional<std::int64_t> staged_records;
  std::optional<std::int64_t> staged_bytes;
  std::optional<std::string> sha256;
  std::optional<core::Timestamp> staged_at;
  std::optional<std::string> error;
};

// Fields reported with a state change; only those present overwrite what is stored.
struct JobUpdate {
  std::optional<core::Timestamp> queued_at{};
  std::optional<core::Timestamp> started_at{};
  std::optional<core::Timestamp> finished_at{};
  std::optional<std::int64_t> number_of_records{};
  std::optional<std::int64_t> file_size{};
  std::optional<std::string> file_checksum{};
  std::optional<std::string> error{};
};

// A file already renamed into staging/ with its directory fsynced.
struct StagedFile {
  std::string path;
  std::string manifest_path;
  std::int64_t records = 0;
  std::int64_t bytes = 0;
  std::string sha256;
};

// A window with the file its staged job published, if it is staged: what a range marker lists.
struct WindowFile {
  Window window;
  std::optional<std::string> staged_path;
  std::int64_t records = 0;
};

struct LiveJob {
  Job job;
  Window window;
};

// An inbound file taken by an import, known by its content so a re-scan finds the same record.
struct ImportFile {
  ImportFileId id{};
  std::string import;  // the configured import's name
  std::string source;  // the file's name in the inbound directory
  std::string sha256;
  core::Timestamp taken_at;
  std::optional<std::int64_t> parts;        // once split
  std::optional<core::Timestamp> finished_at;  // once its results are written
  std::optional<std::string> outcome;          // e.g. "done", "rejected"
  std::optional<std::string> message;
};

// One part of an ImportFile uploaded as one Marketo batch.
struct ImportBatch {
  ImportBatchId id{};
  ImportFileId file{};
  std::string import;
  std::string source;
  std::int64_t part = 0;  // 0-based
  std::string part_path;
  ImportState state = ImportState::intent;
  std::optional<std::int64_t> batch_id;  // Marketo's
  core::Timestamp intent_at;
  core::Timestamp updated_at;
  std::optional<std::int64_t> leads_processed;
  std::optional<std::int64_t> rows_failed;
  std::optional<std::int64_t> rows_with_warning;
  std::optional<std::string> message;
};

// Figures reported with an import state change; only those present overwrite what is stored.
struct ImportUpdate {
  std::optional<std::int64_t> leads_processed{};
  std::optional<std::int64_t> rows_failed{};
  std::optional<std::int64_t> rows_with_warning{};
  std::optional<std::string> message{};
};

// What a sync has staged in all (durable totals: they only grow).
struct StagedTotals {
  std::string sync;
  std::int64_t files = 0;
  std::int64_t records = 0;
  std::int64_t bytes = 0;
};

// What the completed batches of an import reported in all.
struct ImportRowTotals {
  std::string import;
  std::int64_t leads_processed = 0;
  std::int64_t rows_failed = 0;
  std::int64_t rows_with_warning = 0;
};

struct CallCount {
  std::string endpoint;
  int code = 0;
  std::int64_t count = 0;
};

struct SyncStatus {
  Sync sync;
  std::int64_t windows_pending = 0;    // no job yet
  std::int64_t windows_in_flight = 0;  // a live job
  std::int64_t windows_staged = 0;
  std::int64_t windows_failed = 0;  // last job failed / cancelled / expired; waiting for a new one
  std::optional<core::Timestamp> planned_until;  // latest end of an incremental window
  std::optional<core::Timestamp> last_snapshot;  // latest planned snapshot run time
  std::optional<std::string> last_job_error;     // of the most recent job that has one
};

struct StatusSnapshot {
  std::vector<SyncStatus> syncs;  // by name
  std::vector<LiveJob> in_flight;  // oldest intent first
  std::vector<ImportBatch> imports_in_flight;  // oldest intent first
  core::Timestamp quota_day;       // the US Central day the two figures below are for
  std::int64_t export_bytes = 0;
  std::int64_t calls = 0;
};

}  // namespace msync::state
