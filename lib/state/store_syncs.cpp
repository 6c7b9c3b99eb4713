// Store: syncs, their watermarks and sync-level errors.
#include <fmt/format.h>

#include "state/rows.hpp"
#include "state/sqlite/transaction.hpp"
#include "state/store.hpp"

namespace msync::state {

core::Result<Sync> Store::ensure_sync(std::string_view name, SyncKind kind, core::Timestamp start) {
  const auto op = fmt::format("ensure sync '{}'", name);
  auto tx = sqlite::Transaction::begin(db_);
  if (!tx) return fail(op, tx.error());
  auto existing = find_sync(name);
  if (!existing) return existing.error();
  if (*existing) {
    if ((*existing)->kind != kind) {
      return refuse(fmt::format("{}: it is {}, not {}", op, to_string((*existing)->kind),
                                to_string(kind)));
    }
    return std::move(**existing);
  }
  auto insert = db_.prepare(
      "INSERT INTO syncs (name, kind, start_at, watermark) VALUES (?1, ?2, ?3, ?3)");
  insert.bind(1, name).bind(2, to_string(kind)).bind(3, rows::seconds(start));
  if (auto st = insert.run(); !st) return fail(op, st.error());
  if (auto st = tx->commit(); !st) return fail(op, st.error());
  return Sync{std::string(name), kind, start, start, std::nullopt, std::nullopt};
}

core::Result<Sync> Store::get_sync(std::string_view name) {
  auto found = find_sync(name);
  if (!found) return found.error();
  if (!*found) return refuse(fmt::format("unknown sync '{}'", name));
  return std::move(**found);
}

core::Result<std::optional<Sync>> Store::find_sync(std::string_view name) {
  auto stmt = db_.prepare(fmt::format("SELECT {} FROM syncs s WHERE s.name = ?1", rows::sync_columns));
  stmt.bind(1, name);
  auto row = stmt.step();
  if (!row) return fail(fmt::format("read sync '{}'", name), row.error());
  if (!*row) return std::optional<Sync>();
  return std::optional<Sync>(rows::sync(stmt, 0));
}

core::Result<std::vector<Sync>> Store::list_syncs() {
  auto stmt = db_.prepare(fmt::format("SELECT {} FROM syncs s ORDER BY s.name", rows::sync_columns));
  std::vector<Sync> syncs;
  for (;;) {
    auto row = stmt.step();
    if (!row) return fail("list syncs", row.error());
    if (!*row) return syncs;
    syncs.push_back(rows::sync(stmt, 0));
  }
}

core::Result<core::Timestamp> Store::watermark(std::string_view sync) {
  auto s = get_sync(sync);
  if (!s) return s.error();
  return s->watermark;
}

core::Status Store::set_sync_error(std::string_view sync, std::string_view message) {
  return update_sync_error(sync, std::string(message));
}

core::Status Store::clear_sync_error(std::string_view sync) {
  return update_sync_error(sync, std::nullopt);
}

core::Status Store::update_sync_error(std::string_view sync,
                                      const std::optional<std::string>& message) {
  auto stmt = db_.prepare(
      "UPDATE syncs SET error = ?2, error_at = CASE WHEN ?2 IS NULL THEN NULL ELSE ?3 END "
      "WHERE name = ?1");
  stmt.bind(1, sync).bind(2, message).bind(3, now());
  const auto op = fmt::format("{} error of sync '{}'", message ? "set" : "clear", sync);
  if (auto st = stmt.run(); !st) return fail(op, st.error());
  if (db_.changes() == 0) return refuse(fmt::format("{}: unknown sync", op));
  return {};
}

core::Result<std::int64_t> Store::sync_id(std::string_view sync) {
  auto stmt = db_.prepare("SELECT id FROM syncs WHERE name = ?1");
  stmt.bind(1, sync);
  auto row = stmt.step();
  if (!row) return fail(fmt::format("look up sync '{}'", sync), row.error());
  if (!*row) return refuse(fmt::format("unknown sync '{}'", sync));
  return stmt.int64(0);
}

}  // namespace msync::state
