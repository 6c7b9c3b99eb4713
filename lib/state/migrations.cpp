#include "state/migrations.hpp"

#include <array>
#include <cstdint>

#include <fmt/format.h>

#include "state/sqlite/database.hpp"
#include "state/sqlite/transaction.hpp"

namespace msync::state {
namespace {

// Times are UTC seconds since the epoch. The partial unique index is the backstop for "one live
// job per window": the store checks first for a clear message, the index makes a bug impossible.
constexpr std::string_view v1 = R"sql(
CREATE TABLE syncs (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL UNIQUE,
  kind TEXT NOT NULL CHECK (kind IN ('incremental', 'snapshot')),
  start_at INTEGER NOT NULL,
  watermark INTEGER NOT NULL,
  error TEXT,
  error_at INTEGER
) STRICT;

CREATE TABLE windows (
  id INTEGER PRIMARY KEY,
  sync_id INTEGER NOT NULL REFERENCES syncs (id),
  kind TEXT NOT NULL CHECK (kind IN ('incremental', 'backfill', 'snapshot')),
  start_at INTEGER NOT NULL,
  end_at INTEGER NOT NULL,
  planned_at INTEGER NOT NULL,
  staged_at INTEGER,
  CHECK (CASE kind WHEN 'snapshot' THEN end_at = start_at ELSE end_at > start_at END),
  UNIQUE (sync_id, kind, start_at, end_at)
) STRICT;

CREATE TABLE jobs (
  id INTEGER PRIMARY KEY,
  window_id INTEGER NOT NULL REFERENCES windows (id),
  state TEXT NOT NULL CHECK (state IN ('intent', 'created', 'queued', 'processing', 'completed',
                                       'downloading', 'staged', 'failed', 'cancelled', 'expired')),
  export_id TEXT UNIQUE,
  intent_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL,
  created_at INTEGER,
  queued_at INTEGER,
  started_at INTEGER,
  finished_at INTEGER,
  number_of_records INTEGER,
  file_size INTEGER,
  file_checksum TEXT,
  part_path TEXT,
  bytes_on_disk INTEGER NOT NULL DEFAULT 0,
  staged_path TEXT,
  manifest_path TEXT,
  staged_records INTEGER,
  staged_bytes INTEGER,
  sha256 TEXT,
  staged_at INTEGER,
  error TEXT,
  CHECK (export_id IS NOT NULL OR state IN ('intent', 'failed', 'cancelled')),
  CHECK (state <> 'staged' OR (staged_path IS NOT NULL AND staged_at IS NOT NULL))
) STRICT;

CREATE UNIQUE INDEX jobs_one_live_per_window ON jobs (window_id)
  WHERE state IN ('intent', 'created', 'queued', 'processing', 'completed', 'downloading');
CREATE UNIQUE INDEX jobs_one_staged_per_window ON jobs (window_id) WHERE state = 'staged';
CREATE INDEX jobs_by_window ON jobs (window_id, id);
CREATE INDEX jobs_by_state ON jobs (state);

CREATE TABLE export_bytes (
  day INTEGER PRIMARY KEY,
  bytes INTEGER NOT NULL
) STRICT;

CREATE TABLE api_calls (
  day INTEGER NOT NULL,
  endpoint TEXT NOT NULL,
  code INTEGER NOT NULL,
  count INTEGER NOT NULL,
  PRIMARY KEY (day, endpoint, code)
) STRICT, WITHOUT ROWID;
)sql";

// Program member imports: an inbound file, split into parts, each uploaded as one batch.
constexpr std::string_view v2 = R"sql(
CREATE TABLE import_files (
  id INTEGER PRIMARY KEY,
  import TEXT NOT NULL,
  source TEXT NOT NULL,
  sha256 TEXT NOT NULL,
  taken_at INTEGER NOT NULL,
  parts INTEGER CHECK (parts IS NULL OR parts >= 0),
  finished_at INTEGER,
  outcome TEXT,
  message TEXT
) STRICT;

-- A file dropped again once its earlier copy is finished is a new import, not the old record.
CREATE UNIQUE INDEX import_files_one_unfinished ON import_files (import, source, sha256)
  WHERE finished_at IS NULL;

CREATE TABLE import_batches (
  id INTEGER PRIMARY KEY,
  file_id INTEGER NOT NULL REFERENCES import_files (id),
  part INTEGER NOT NULL CHECK (part >= 0),
  part_path TEXT NOT NULL,
  state TEXT NOT NULL CHECK (state IN ('intent', 'queued', 'importing', 'complete', 'failed',
                                       'cancelled')),
  batch_id INTEGER UNIQUE,
  intent_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL,
  leads_processed INTEGER,
  rows_failed INTEGER,
  rows_with_warning INTEGER,
  message TEXT,
  CHECK (batch_id IS NOT NULL OR state IN ('intent', 'failed', 'cancelled'))
) STRICT;

CREATE UNIQUE INDEX import_batches_one_live_per_part ON import_batches (file_id, part)
  WHERE state IN ('intent', 'queued', 'importing');
CREATE UNIQUE INDEX import_batches_one_complete_per_part ON import_batches (file_id, part)
  WHERE state = 'complete';
CREATE INDEX import_batches_by_state ON import_batches (state);
)sql";

// A program members snapshot of several programs is one window per program at each run (program_id
// 0: the sync's own filter), so the window's identity gains the program. SQLite cannot change a
// table's UNIQUE constraint in place: the table is rebuilt by its documented procedure (new table,
// copy, drop, rename), which migrate() runs with foreign keys off and checks before committing.
constexpr std::string_view v3 = R"sql(
CREATE TABLE windows_v3 (
  id INTEGER PRIMARY KEY,
  sync_id INTEGER NOT NULL REFERENCES syncs (id),
  kind TEXT NOT NULL CHECK (kind IN ('incremental', 'backfill', 'snapshot')),
  start_at INTEGER NOT NULL,
  end_at INTEGER NOT NULL,
  planned_at INTEGER NOT NULL,
  staged_at INTEGER,
  program_id INTEGER NOT NULL DEFAULT 0 CHECK (program_id >= 0),
  CHECK (CASE kind WHEN 'snapshot' THEN end_at = start_at ELSE end_at > start_at END),
  CHECK (program_id = 0 OR kind = 'snapshot'),
  UNIQUE (sync_id, kind, start_at, end_at, program_id)
) STRICT;

INSERT INTO windows_v3 (id, sync_id, kind, start_at, end_at, planned_at, staged_at)
  SELECT id, sync_id, kind, start_at, end_at, planned_at, staged_at FROM windows;
DROP TABLE windows;
ALTER TABLE windows_v3 RENAME TO windows;
)sql";

constexpr std::array<std::string_view, 3> scripts{v1, v2, v3};

core::Result<std::int64_t> user_version(sqlite::Database& db) {
  auto stmt = db.prepare("PRAGMA user_version");
  auto row = stmt.step();
  if (!row) return row.error();
  return *row ? stmt.int64(0) : 0;
}

core::Error too_new(const sqlite::Database& db, std::int64_t version) {
  return core::make_error(
      fmt::format("{}: schema version {} is newer than this program's {}; refusing to touch it",
                  db.path(), version, scripts.size()),
      core::ErrorKind::permanent);
}

}  // namespace

std::span<const std::string_view> migrations() { return scripts; }

namespace {

core::Status migrate_in_transaction(sqlite::Database& db) {
  auto tx = sqlite::Transaction::begin(db);
  if (!tx) return tx.error();
  auto version = user_version(db);
  if (!version) return version.error();
  if (*version > static_cast<std::int64_t>(scripts.size())) return too_new(db, *version);
  for (auto i = static_cast<std::size_t>(*version); i < scripts.size(); ++i) {
    if (auto st = db.exec(scripts[i]); !st) {
      return core::make_error(fmt::format("migration to schema {}: {}", i + 1, st.error().message),
                              st.error().kind);
    }
  }
  // The version lives in the database header, so it commits (or not) with the scripts.
  if (auto st = db.exec(fmt::format("PRAGMA user_version = {}", scripts.size())); !st) return st;
  auto check = db.prepare("PRAGMA foreign_key_check");
  auto broken = check.step();
  if (!broken) return broken.error();
  if (*broken)
    return core::make_error(fmt::format("{}: migration left a row of table '{}' without its parent", db.path(),
                                        check.text(0)),
                            core::ErrorKind::permanent);
  return tx->commit();
}

}  // namespace

core::Status migrate(sqlite::Database& db) {
  // A table rebuild (schema 3) drops a table other rows refer to: foreign keys must be off for it,
  // and that pragma does nothing inside a transaction. The rows are checked before the commit.
  if (auto st = db.exec("PRAGMA foreign_keys = OFF"); !st) return st;
  const auto migrated = migrate_in_transaction(db);
  const auto restored = db.exec("PRAGMA foreign_keys = ON");
  if (!migrated) return migrated;
  return restored;
}

core::Status check_schema_current(sqlite::Database& db) {
  auto version = user_version(db);
  if (!version) return version.error();
  if (*version > static_cast<std::int64_t>(scripts.size())) return too_new(db, *version);
  if (*version < static_cast<std::int64_t>(scripts.size())) {
    return core::make_error(
        fmt::format("{}: schema version {} is older than this program's {}; start the daemon once "
                    "to migrate it",
                    db.path(), *version, scripts.size()),
        core::ErrorKind::permanent);
  }
  return {};
}

}  // namespace msync::state
