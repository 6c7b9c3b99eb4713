// Store: the snapshot behind `marketo-syncd status` and /status, read in one transaction so the
// figures agree with each other.
#include <fmt/format.h>

#include "core/us_central.hpp"
#include "state/rows.hpp"
#include "state/sqlite/transaction.hpp"
#include "state/store.hpp"

namespace msync::state {
namespace {

// The LEFT JOIN yields one all-NULL window row for a sync without windows; "w.id IS NOT NULL"
// keeps it out of the counts.
std::string sync_status_sql() {
  const std::string any_job = "EXISTS (SELECT 1 FROM jobs j WHERE j.window_id = w.id)";
  const std::string live_job = fmt::format(
      "EXISTS (SELECT 1 FROM jobs j WHERE j.window_id = w.id AND j.state IN {})", rows::live_states);
  return fmt::format(
      "SELECT {0}, "
      "coalesce(sum(w.id IS NOT NULL AND w.staged_at IS NULL AND NOT {1}), 0), "
      "coalesce(sum(w.id IS NOT NULL AND w.staged_at IS NULL AND {2}), 0), "
      "coalesce(sum(w.staged_at IS NOT NULL), 0), "
      "coalesce(sum(w.id IS NOT NULL AND w.staged_at IS NULL AND {1} AND NOT {2}), 0), "
      "max(CASE WHEN w.kind = 'incremental' THEN w.end_at END), "
      "max(CASE WHEN w.kind = 'snapshot' THEN w.start_at END), "
      "(SELECT j.error FROM jobs j JOIN windows x ON x.id = j.window_id "
      " WHERE x.sync_id = s.id AND j.error IS NOT NULL ORDER BY j.updated_at DESC, j.id DESC "
      " LIMIT 1) "
      "FROM syncs s LEFT JOIN windows w ON w.sync_id = s.id GROUP BY s.id ORDER BY s.name",
      rows::sync_columns, any_job, live_job);
}

std::optional<core::Timestamp> optional_timestamp(const sqlite::Statement& row, int column) {
  const auto s = row.optional_int64(column);
  return s ? std::optional<core::Timestamp>(rows::timestamp(*s)) : std::nullopt;
}

}  // namespace

core::Result<StatusSnapshot> Store::status(core::Timestamp at) {
  auto tx = sqlite::Transaction::begin_read(db_);
  if (!tx) return fail("read status", tx.error());
  StatusSnapshot snapshot;
  auto stmt = db_.prepare(sync_status_sql());
  for (;;) {
    auto row = stmt.step();
    if (!row) return fail("read status of syncs", row.error());
    if (!*row) break;
    SyncStatus s;
    s.sync = rows::sync(stmt, 0);
    s.windows_pending = stmt.int64(6);
    s.windows_in_flight = stmt.int64(7);
    s.windows_staged = stmt.int64(8);
    s.windows_failed = stmt.int64(9);
    s.planned_until = optional_timestamp(stmt, 10);
    s.last_snapshot = optional_timestamp(stmt, 11);
    s.last_job_error = stmt.optional_text(12);
    snapshot.syncs.push_back(std::move(s));
  }
  auto live = live_jobs();
  if (!live) return live.error();
  snapshot.in_flight = std::move(*live);
  auto imports = live_import_batches();
  if (!imports) return imports.error();
  snapshot.imports_in_flight = std::move(*imports);
  snapshot.quota_day = core::us_central_day_start(at);
  auto bytes = export_bytes(at);
  if (!bytes) return bytes.error();
  snapshot.export_bytes = *bytes;
  auto calls_today = call_total(at);
  if (!calls_today) return calls_today.error();
  snapshot.calls = *calls_today;
  // Only reads happened; ending the transaction either way releases the snapshot.
  if (auto st = tx->commit(); !st) return fail("read status", st.error());
  return snapshot;
}

core::Result<std::vector<StagedTotals>> Store::staged_totals() {
  auto stmt = db_.prepare(
      "SELECT s.name, count(j.id), coalesce(sum(j.staged_records), 0), coalesce(sum(j.staged_bytes), 0) "
      "FROM syncs s LEFT JOIN windows w ON w.sync_id = s.id "
      "LEFT JOIN jobs j ON j.window_id = w.id AND j.state = 'staged' GROUP BY s.name ORDER BY s.name");
  std::vector<StagedTotals> totals;
  for (;;) {
    auto row = stmt.step();
    if (!row) return fail("sum staged files", row.error());
    if (!*row) return totals;
    totals.push_back(StagedTotals{stmt.text(0), stmt.int64(1), stmt.int64(2), stmt.int64(3)});
  }
}

core::Result<std::vector<ImportRowTotals>> Store::import_row_totals() {
  auto stmt = db_.prepare(
      "SELECT f.import, coalesce(sum(b.leads_processed), 0), coalesce(sum(b.rows_failed), 0), "
      "coalesce(sum(b.rows_with_warning), 0) FROM import_batches b JOIN import_files f ON f.id = b.file_id "
      "WHERE b.state = 'complete' GROUP BY f.import ORDER BY f.import");
  std::vector<ImportRowTotals> totals;
  for (;;) {
    auto row = stmt.step();
    if (!row) return fail("sum import rows", row.error());
    if (!*row) return totals;
    totals.push_back(ImportRowTotals{stmt.text(0), stmt.int64(1), stmt.int64(2), stmt.int64(3)});
  }
}

}  // namespace msync::state
