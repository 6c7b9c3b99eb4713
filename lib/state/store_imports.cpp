// Store: program member imports, from a taken inbound file to its batches' outcomes.
#include <fmt/format.h>

#include "state/rows.hpp"
#include "state/sqlite/transaction.hpp"
#include "state/store.hpp"

namespace msync::state {
namespace {

std::int64_t number(ImportFileId file) { return static_cast<std::int64_t>(file); }
std::int64_t number(ImportBatchId batch) { return static_cast<std::int64_t>(batch); }

// As for export jobs: an intent only gets its batchId (or is given up), final states stay final.
std::optional<std::string> refusal(ImportState from, ImportState to) {
  if (to == ImportState::intent) return std::string("record_import_intent() starts a new batch");
  if (to == ImportState::queued && from == ImportState::intent) {
    return std::string("set_import_queued() records the batchId");
  }
  if (from == to) return std::nullopt;
  if (!is_live(from)) return fmt::format("{} is final", to_string(from));
  if (from == ImportState::intent && to != ImportState::failed && to != ImportState::cancelled) {
    return std::string("an intent has no batchId yet");
  }
  return std::nullopt;
}

}  // namespace

core::Result<ImportFile> Store::take_import_file(std::string_view import, std::string_view source,
                                                 std::string_view sha256) {
  const auto op = fmt::format("take file '{}' for import '{}'", source, import);
  auto tx = sqlite::Transaction::begin(db_);
  if (!tx) return fail(op, tx.error());
  auto insert = db_.prepare(
      "INSERT INTO import_files (import, source, sha256, taken_at) VALUES (?1, ?2, ?3, ?4) "
      "ON CONFLICT (import, source, sha256) WHERE finished_at IS NULL DO NOTHING");
  insert.bind(1, import).bind(2, source).bind(3, sha256).bind(4, now());
  if (auto st = insert.run(); !st) return fail(op, st.error());
  auto read = db_.prepare(fmt::format(
      "SELECT {} FROM import_files f WHERE f.import = ?1 AND f.source = ?2 AND f.sha256 = ?3 "
      "AND f.finished_at IS NULL",
      rows::import_file_columns));
  read.bind(1, import).bind(2, source).bind(3, sha256);
  auto row = read.step();
  if (!row) return fail(op, row.error());
  if (!*row) return refuse(fmt::format("{}: the record vanished", op));
  ImportFile file = rows::import_file(read, 0);
  if (auto st = tx->commit(); !st) return fail(op, st.error());
  return file;
}

core::Status Store::set_import_parts(ImportFileId file, std::int64_t parts) {
  const auto op = fmt::format("set parts of import file {}", number(file));
  if (parts < 0) return refuse(fmt::format("{}: negative count", op));
  auto stmt = db_.prepare("UPDATE import_files SET parts = ?2 WHERE id = ?1");
  stmt.bind(1, number(file)).bind(2, parts);
  if (auto st = stmt.run(); !st) return fail(op, st.error());
  if (db_.changes() == 0) return refuse(fmt::format("{}: unknown file", op));
  return {};
}

core::Status Store::finish_import_file(ImportFileId file, std::string_view outcome,
                                       std::string_view message) {
  const auto op = fmt::format("finish import file {}", number(file));
  auto stmt = db_.prepare(
      "UPDATE import_files SET finished_at = ?2, outcome = ?3, message = ?4 WHERE id = ?1");
  stmt.bind(1, number(file)).bind(2, now()).bind(3, outcome).bind(4, message);
  if (auto st = stmt.run(); !st) return fail(op, st.error());
  if (db_.changes() == 0) return refuse(fmt::format("{}: unknown file", op));
  return {};
}

core::Result<std::vector<ImportFile>> Store::unfinished_import_files() {
  auto stmt = db_.prepare(fmt::format(
      "SELECT {} FROM import_files f WHERE f.finished_at IS NULL ORDER BY f.taken_at, f.id",
      rows::import_file_columns));
  std::vector<ImportFile> files;
  for (;;) {
    auto row = stmt.step();
    if (!row) return fail("list unfinished import files", row.error());
    if (!*row) return files;
    files.push_back(rows::import_file(stmt, 0));
  }
}

core::Result<ImportBatchId> Store::record_import_intent(ImportFileId file, std::int64_t part,
                                                        std::string_view part_path) {
  const auto op = fmt::format("record intent for part {} of import file {}", part, number(file));
  auto tx = sqlite::Transaction::begin(db_);
  if (!tx) return fail(op, tx.error());
  auto check = db_.prepare(fmt::format(
      "SELECT (SELECT b.id FROM import_batches b WHERE b.file_id = f.id AND b.part = ?2 "
      "        AND b.state IN {}), "
      "       (SELECT b.id FROM import_batches b WHERE b.file_id = f.id AND b.part = ?2 "
      "        AND b.state = 'complete') "
      "FROM import_files f WHERE f.id = ?1",
      rows::live_import_states));
  check.bind(1, number(file)).bind(2, part);
  auto row = check.step();
  if (!row) return fail(op, row.error());
  if (!*row) return refuse(fmt::format("{}: unknown file", op));
  if (!check.is_null(0)) {
    return refuse(fmt::format("{}: batch {} is still live for it", op, check.int64(0)));
  }
  if (!check.is_null(1)) return refuse(fmt::format("{}: the part is already complete", op));
  auto insert = db_.prepare(
      "INSERT INTO import_batches (file_id, part, part_path, state, intent_at, updated_at) "
      "VALUES (?1, ?2, ?3, 'intent', ?4, ?4)");
  insert.bind(1, number(file)).bind(2, part).bind(3, part_path).bind(4, now());
  if (auto st = insert.run(); !st) return fail(op, st.error());
  const ImportBatchId batch{db_.last_insert_rowid()};
  if (auto st = tx->commit(); !st) return fail(op, st.error());
  return batch;
}

core::Status Store::set_import_queued(ImportBatchId batch, std::int64_t batch_id) {
  const auto op = fmt::format("record batchId of import batch {}", number(batch));
  auto tx = sqlite::Transaction::begin(db_);
  if (!tx) return fail(op, tx.error());
  auto current = load_import_batch(batch);
  if (!current) return current.error();
  if (current->state == ImportState::queued && current->batch_id == batch_id) return {};
  if (current->state != ImportState::intent) {
    return refuse(fmt::format("{}: it is {}, not intent", op, to_string(current->state)));
  }
  auto stmt = db_.prepare(
      "UPDATE import_batches SET state = 'queued', batch_id = ?2, updated_at = ?3 WHERE id = ?1");
  stmt.bind(1, number(batch)).bind(2, batch_id).bind(3, now());
  if (auto st = stmt.run(); !st) return fail(op, st.error());
  if (auto st = tx->commit(); !st) return fail(op, st.error());
  return {};
}

core::Status Store::set_import_state(ImportBatchId batch, ImportState state,
                                     const ImportUpdate& update) {
  const auto op = fmt::format("set import batch {} {}", number(batch), to_string(state));
  auto tx = sqlite::Transaction::begin(db_);
  if (!tx) return fail(op, tx.error());
  auto current = load_import_batch(batch);
  if (!current) return current.error();
  if (auto why = refusal(current->state, state)) {
    return refuse(fmt::format("{}: it is {}: {}", op, to_string(current->state), *why));
  }
  auto stmt = db_.prepare(
      "UPDATE import_batches SET state = ?2, updated_at = ?3, "
      "leads_processed = coalesce(?4, leads_processed), rows_failed = coalesce(?5, rows_failed), "
      "rows_with_warning = coalesce(?6, rows_with_warning), message = coalesce(?7, message) "
      "WHERE id = ?1");
  stmt.bind(1, number(batch)).bind(2, to_string(state)).bind(3, now())
      .bind(4, update.leads_processed).bind(5, update.rows_failed)
      .bind(6, update.rows_with_warning).bind(7, update.message);
  if (auto st = stmt.run(); !st) return fail(op, st.error());
  if (auto st = tx->commit(); !st) return fail(op, st.error());
  return {};
}

core::Result<std::vector<ImportBatch>> Store::import_batches(ImportFileId file) {
  return query_import_batches("b.file_id = ?1 ORDER BY b.part, b.id", number(file));
}

core::Result<std::vector<ImportBatch>> Store::live_import_batches() {
  return query_import_batches(
      fmt::format("b.state IN {} ORDER BY b.intent_at, b.id", rows::live_import_states),
      std::nullopt);
}

core::Result<ImportBatch> Store::load_import_batch(ImportBatchId batch) {
  auto found = query_import_batches("b.id = ?1", number(batch));
  if (!found) return found.error();
  if (found->empty()) return refuse(fmt::format("unknown import batch {}", number(batch)));
  return std::move(found->front());
}

// `where` is a fixed clause from this file, never caller text; its one value is bound.
core::Result<std::vector<ImportBatch>> Store::query_import_batches(
    std::string_view where, std::optional<std::int64_t> value) {
  auto stmt = db_.prepare(fmt::format(
      "SELECT {} FROM import_batches b JOIN import_files f ON f.id = b.file_id WHERE {}",
      rows::import_batch_columns, where));
  if (value) stmt.bind(1, *value);
  std::vector<ImportBatch> batches;
  for (;;) {
    auto row = stmt.step();
    if (!row) return fail("read import batches", row.error());
    if (!*row) return batches;
    batches.push_back(rows::import_batch(stmt, 0));
  }
}

}  // namespace msync::state
