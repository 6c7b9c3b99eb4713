#include "state/sqlite/transaction.hpp"

#include "state/sqlite/database.hpp"

namespace msync::state::sqlite {

core::Result<Transaction> Transaction::begin(Database& db) {
  if (auto st = db.exec("BEGIN IMMEDIATE"); !st) return st.error();
  return Transaction(db);
}

core::Result<Transaction> Transaction::begin_read(Database& db) {
  if (auto st = db.exec("BEGIN DEFERRED"); !st) return st.error();
  return Transaction(db);
}

Transaction::Transaction(Transaction&& other) noexcept : db_(other.db_) { other.db_ = nullptr; }

Transaction::~Transaction() {
  // Nothing useful can be done if the rollback itself fails: SQLite rolls back on close anyway.
  if (db_) (void)db_->exec("ROLLBACK");
}

core::Status Transaction::commit() {
  Database* db = db_;
  auto st = db->exec("COMMIT");
  // A failed COMMIT (e.g. disk I/O) leaves the transaction open: let the destructor roll it back.
  if (st) db_ = nullptr;
  return st;
}

}  // namespace msync::state::sqlite
