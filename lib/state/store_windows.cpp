// Store: windows, what needs work next, and how far the planner got.
#include <algorithm>

#include <fmt/format.h>

#include "state/rows.hpp"
#include "state/sqlite/transaction.hpp"
#include "state/store.hpp"

namespace msync::state {
namespace {

std::string describe(const WindowSpec& w) {
  return fmt::format("{} window [{}, {}){}", to_string(w.kind), core::format_iso8601(w.start),
                     core::format_iso8601(w.end), w.program_id ? fmt::format(" of program {}", w.program_id) : "");
}

// Why a window cannot belong to a sync of this kind, if it cannot.
std::optional<std::string> malformed(const WindowSpec& w, SyncKind sync_kind) {
  if (w.program_id < 0) return "a program id is positive";
  if (w.kind == WindowKind::snapshot) {
    if (sync_kind != SyncKind::snapshot) return "an incremental sync takes no snapshot windows";
    if (w.end != w.start) return "a snapshot window starts and ends at its run time";
    return std::nullopt;
  }
  if (sync_kind != SyncKind::incremental) return "a snapshot sync takes only snapshot windows";
  if (w.program_id != 0) return "only a snapshot window exports one program";
  if (w.end <= w.start) return "its end is not after its start";
  return std::nullopt;
}

}  // namespace

core::Result<std::vector<WindowId>> Store::add_windows(std::string_view sync,
                                                       std::span<const WindowSpec> windows) {
  const auto op = fmt::format("add windows to sync '{}'", sync);
  auto tx = sqlite::Transaction::begin(db_);
  if (!tx) return fail(op, tx.error());
  auto owner = get_sync(sync);
  if (!owner) return owner.error();
  auto id = sync_id(sync);
  if (!id) return id.error();

  std::vector<WindowId> ids;
  for (const WindowSpec& w : windows) {
    if (auto why = malformed(w, owner->kind)) {
      return refuse(fmt::format("{}: {}: {}", op, describe(w), *why));
    }
    auto same = db_.prepare(
        "SELECT id FROM windows WHERE sync_id = ?1 AND kind = ?2 AND start_at = ?3 AND end_at = ?4 "
        "AND program_id = ?5");
    same.bind(1, *id).bind(2, to_string(w.kind)).bind(3, rows::seconds(w.start))
        .bind(4, rows::seconds(w.end)).bind(5, w.program_id);
    auto found = same.step();
    if (!found) return fail(op, found.error());
    if (*found) {
      ids.push_back(WindowId{same.int64(0)});
      continue;
    }
    // The watermark walks incremental windows end to start: an overlap would make it skip data.
    if (w.kind == WindowKind::incremental) {
      auto overlap = db_.prepare(
          "SELECT start_at, end_at FROM windows WHERE sync_id = ?1 AND kind = 'incremental' "
          "AND start_at < ?3 AND end_at > ?2 LIMIT 1");
      overlap.bind(1, *id).bind(2, rows::seconds(w.start)).bind(3, rows::seconds(w.end));
      auto hit = overlap.step();
      if (!hit) return fail(op, hit.error());
      if (*hit) {
        return refuse(fmt::format("{}: {} overlaps [{}, {})", op, describe(w),
                                  core::format_iso8601(rows::timestamp(overlap.int64(0))),
                                  core::format_iso8601(rows::timestamp(overlap.int64(1)))));
      }
    }
    auto insert = db_.prepare(
        "INSERT INTO windows (sync_id, kind, start_at, end_at, planned_at, program_id) "
        "VALUES (?1, ?2, ?3, ?4, ?5, ?6)");
    insert.bind(1, *id).bind(2, to_string(w.kind)).bind(3, rows::seconds(w.start))
        .bind(4, rows::seconds(w.end)).bind(5, now()).bind(6, w.program_id);
    if (auto st = insert.run(); !st) return fail(op, st.error());
    ids.push_back(WindowId{db_.last_insert_rowid()});
  }
  if (auto st = tx->commit(); !st) return fail(op, st.error());
  return ids;
}

core::Result<Window> Store::get_window(WindowId window) {
  const auto n = static_cast<std::int64_t>(window);
  auto stmt = db_.prepare(fmt::format(
      "SELECT {} FROM windows w JOIN syncs s ON s.id = w.sync_id WHERE w.id = ?1",
      rows::window_columns));
  stmt.bind(1, n);
  auto row = stmt.step();
  if (!row) return fail(fmt::format("read window {}", n), row.error());
  if (!*row) return refuse(fmt::format("unknown window {}", n));
  return rows::window(stmt, 0);
}

core::Result<std::vector<Window>> Store::windows_needing_work(std::size_t limit) {
  auto stmt = db_.prepare(fmt::format(
      "SELECT {} FROM windows w JOIN syncs s ON s.id = w.sync_id "
      "WHERE w.staged_at IS NULL AND s.error IS NULL AND NOT EXISTS "
      "(SELECT 1 FROM jobs j WHERE j.window_id = w.id AND j.state IN {}) "
      "ORDER BY CASE w.kind WHEN 'incremental' THEN 0 WHEN 'snapshot' THEN 1 ELSE 2 END, "
      "w.start_at, w.id LIMIT ?1",
      rows::window_columns, rows::live_states));
  stmt.bind(1, static_cast<std::int64_t>(limit));
  std::vector<Window> result;
  for (;;) {
    auto row = stmt.step();
    if (!row) return fail("list windows needing work", row.error());
    if (!*row) return result;
    result.push_back(rows::window(stmt, 0));
  }
}

core::Result<std::vector<WindowFile>> Store::window_files(std::string_view sync, WindowKind kind,
                                                          core::Timestamp after) {
  auto stmt = db_.prepare(fmt::format(
      "SELECT {}, j.staged_path, j.staged_records FROM windows w JOIN syncs s ON s.id = w.sync_id "
      "LEFT JOIN jobs j ON j.window_id = w.id AND j.state = 'staged' "
      "WHERE s.name = ?1 AND w.kind = ?2 AND w.end_at > ?3 ORDER BY w.start_at, w.end_at",
      rows::window_columns));
  stmt.bind(1, sync).bind(2, to_string(kind)).bind(3, rows::seconds(after));
  std::vector<WindowFile> result;
  for (;;) {
    auto row = stmt.step();
    if (!row) return fail(fmt::format("list {} windows of sync '{}'", to_string(kind), sync), row.error());
    if (!*row) return result;
    WindowFile file{rows::window(stmt, 0), std::nullopt, 0};
    if (!stmt.is_null(rows::window_columns_count)) {
      file.staged_path = stmt.text(rows::window_columns_count);
      file.records = stmt.is_null(rows::window_columns_count + 1) ? 0 : stmt.int64(rows::window_columns_count + 1);
    }
    result.push_back(std::move(file));
  }
}

core::Result<std::optional<core::Timestamp>> Store::planned_until(std::string_view sync) {
  auto stmt = db_.prepare(
      "SELECT (SELECT max(end_at) FROM windows w WHERE w.sync_id = s.id AND w.kind = "
      "'incremental') FROM syncs s WHERE s.name = ?1");
  stmt.bind(1, sync);
  auto row = stmt.step();
  if (!row) return fail(fmt::format("read planned end of sync '{}'", sync), row.error());
  if (!*row) return refuse(fmt::format("unknown sync '{}'", sync));
  if (stmt.is_null(0)) return std::optional<core::Timestamp>();
  return std::optional<core::Timestamp>(rows::timestamp(stmt.int64(0)));
}

core::Result<std::optional<core::Timestamp>> Store::last_snapshot_at(std::string_view sync) {
  auto stmt = db_.prepare(
      "SELECT (SELECT max(start_at) FROM windows w WHERE w.sync_id = s.id AND w.kind = "
      "'snapshot') FROM syncs s WHERE s.name = ?1");
  stmt.bind(1, sync);
  auto row = stmt.step();
  if (!row) return fail(fmt::format("read last snapshot of sync '{}'", sync), row.error());
  if (!*row) return refuse(fmt::format("unknown sync '{}'", sync));
  if (stmt.is_null(0)) return std::optional<core::Timestamp>();
  return std::optional<core::Timestamp>(rows::timestamp(stmt.int64(0)));
}

core::Result<core::Timestamp> Store::advance_watermark(std::int64_t sync_id, WindowKind kind,
                                                       core::Timestamp window_start) {
  auto read = db_.prepare("SELECT watermark FROM syncs WHERE id = ?1");
  read.bind(1, sync_id);
  auto row = read.step();
  if (!row) return row.error();
  if (!*row) return refuse(fmt::format("sync id {} vanished", sync_id));
  std::int64_t mark = read.int64(0);

  if (kind == WindowKind::backfill) return rows::timestamp(mark);
  if (kind == WindowKind::snapshot) {
    mark = std::max(mark, rows::seconds(window_start));
  } else {
    // Windows are half-open and never overlap, so the run continues at the window starting
    // exactly where the watermark stands. The watermark only grows: staged stays staged.
    for (;;) {
      auto next = db_.prepare(
          "SELECT end_at FROM windows WHERE sync_id = ?1 AND kind = 'incremental' "
          "AND start_at = ?2 AND staged_at IS NOT NULL");
      next.bind(1, sync_id).bind(2, mark);
      auto found = next.step();
      if (!found) return found.error();
      if (!*found) break;
      mark = next.int64(0);
    }
  }
  auto write = db_.prepare("UPDATE syncs SET watermark = ?2 WHERE id = ?1");
  write.bind(1, sync_id).bind(2, mark);
  if (auto st = write.run(); !st) return st.error();
  return rows::timestamp(mark);
}

}  // namespace msync::state
