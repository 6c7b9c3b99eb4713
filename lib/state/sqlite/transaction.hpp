#pragma once
// BEGIN ... COMMIT, rolled back unless committed. A write transaction is IMMEDIATE: it takes the
// write lock up front, so it never fails half-way with SQLITE_BUSY after it has read. A read
// transaction sees one consistent snapshot across several queries.
#include "core/result.hpp"

namespace msync::state::sqlite {

class Database;

class Transaction {
 public:
  static core::Result<Transaction> begin(Database& db);       // for writing
  static core::Result<Transaction> begin_read(Database& db);

  Transaction(Transaction&& other) noexcept;
  Transaction& operator=(Transaction&&) = delete;
  Transaction(const Transaction&) = delete;
  ~Transaction();

  core::Status commit();

 private:
  explicit Transaction(Database& db) : db_(&db) {}

  Database* db_;  // null once committed, rolled back or moved from
};

}  // namespace msync::state::sqlite
