#include "state/sqlite/database.hpp"

#include <sqlite3.h>

#include <fmt/format.h>

#include "state/sqlite/error.hpp"

namespace msync::state::sqlite {

void Database::Closer::operator()(sqlite3* db) const { sqlite3_close_v2(db); }

core::Result<Database> Database::open(const std::filesystem::path& path, Mode mode) {
  const int flags = (mode == Mode::read_only ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE) |
                    SQLITE_OPEN_NOMUTEX | SQLITE_OPEN_EXRESCODE;
  sqlite3* raw = nullptr;
  const int rc = sqlite3_open_v2(path.c_str(), &raw, flags, nullptr);
  Database db(raw, path.string());  // owns the handle even when opening failed
  if (rc != SQLITE_OK) {
    return core::make_error(fmt::format("{}: cannot open: {}", path.string(),
                                        raw ? sqlite3_errmsg(raw) : sqlite3_errstr(rc)));
  }
  return db;
}

core::Status Database::exec(std::string_view sql) {
  const std::string text(sql);  // sqlite3_exec wants a terminated string
  const int rc = sqlite3_exec(db_.get(), text.c_str(), nullptr, nullptr, nullptr);
  if (rc != SQLITE_OK) return error(rc);
  return {};
}

Statement Database::prepare(std::string_view sql) {
  sqlite3_stmt* stmt = nullptr;
  const int rc = sqlite3_prepare_v2(db_.get(), sql.data(), static_cast<int>(sql.size()), &stmt, nullptr);
  return Statement(db_.get(), stmt, rc);
}

std::int64_t Database::last_insert_rowid() const { return sqlite3_last_insert_rowid(db_.get()); }

int Database::changes() const { return sqlite3_changes(db_.get()); }

core::Error Database::error(int code) const { return error_from(db_.get(), code); }

}  // namespace msync::state::sqlite
