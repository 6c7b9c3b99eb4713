#pragma once
// The vocabularies the store speaks: kinds of syncs and windows, and the states of an export job.
// Stored as their lower-case names, so the database reads well from the sqlite3 shell.
#include <optional>
#include <string_view>

namespace msync::state {

enum class SyncKind {
  incremental,  // createdAt / updatedAt windows; has a watermark
  snapshot,     // a list staged whole each run
};

enum class WindowKind {
  incremental,  // planned from the sync's start onwards; moves the watermark
  backfill,     // asked for explicitly by the user; never moves the watermark
  snapshot,     // start == end == the run time
};

enum class JobState {
  intent,       // recorded before create.json is sent
  created,      // exportId known
  queued,
  processing,
  completed,    // Marketo has the file
  downloading,  // a .part file is growing
  staged,       // published into staging/; final
  failed,       // final; the window needs a new job
  cancelled,    // final; the window needs a new job
  expired,      // final: the file is gone before we had it; the window needs a new job
};

// A part of an inbound file uploaded as one program member import (a Marketo batch).
enum class ImportState {
  intent,     // recorded before import.json is sent
  queued,     // batchId known
  importing,
  complete,   // final
  failed,     // final; the part may be uploaded again
  cancelled,  // final; given up (e.g. the upload's outcome is unknown)
};

std::string_view to_string(SyncKind kind);
std::string_view to_string(WindowKind kind);
std::string_view to_string(JobState state);
std::string_view to_string(ImportState state);

std::optional<SyncKind> parse_sync_kind(std::string_view text);
std::optional<WindowKind> parse_window_kind(std::string_view text);
std::optional<JobState> parse_job_state(std::string_view text);
std::optional<ImportState> parse_import_state(std::string_view text);

// intent..downloading: a window has at most one live job.
bool is_live(JobState state);
// intent..importing: a part has at most one live batch.
bool is_live(ImportState state);

}  // namespace msync::state
