#include "state/sqlite/error.hpp"

#include <sqlite3.h>

#include <fmt/format.h>

namespace msync::state::sqlite {

core::Error error_from(sqlite3* db, int code) {
  const char* file = db ? sqlite3_db_filename(db, "main") : nullptr;
  // The connection's message is more precise ("UNIQUE constraint failed: jobs.export_id") but only
  // when it still describes this code.
  const char* message = (db && sqlite3_errcode(db) == code) ? sqlite3_errmsg(db) : sqlite3_errstr(code);
  const int primary = code & 0xff;
  const auto kind = (primary == SQLITE_BUSY || primary == SQLITE_LOCKED) ? core::ErrorKind::transient
                                                                          : core::ErrorKind::generic;
  return core::make_error(fmt::format("{}: {}", (file && *file) ? file : "state db", message), kind);
}

}  // namespace msync::state::sqlite
