#include "state/sqlite/statement.hpp"

#include <sqlite3.h>

#include "state/sqlite/error.hpp"

namespace msync::state::sqlite {

void Statement::Finalizer::operator()(sqlite3_stmt* stmt) const { sqlite3_finalize(stmt); }

Statement::Statement(sqlite3* db, sqlite3_stmt* stmt, int status)
    : db_(db), stmt_(stmt), status_(status) {}

void Statement::note(int code) {
  if (status_ == SQLITE_OK && code != SQLITE_OK) status_ = code;
}

Statement& Statement::bind(int index, std::int64_t value) {
  if (status_ == SQLITE_OK) note(sqlite3_bind_int64(stmt_.get(), index, value));
  return *this;
}

Statement& Statement::bind(int index, std::string_view value) {
  if (status_ == SQLITE_OK) {
    note(sqlite3_bind_text64(stmt_.get(), index, value.data(), value.size(), SQLITE_TRANSIENT,
                             SQLITE_UTF8));
  }
  return *this;
}

Statement& Statement::bind(int index, std::nullopt_t) {
  if (status_ == SQLITE_OK) note(sqlite3_bind_null(stmt_.get(), index));
  return *this;
}

Statement& Statement::bind(int index, const std::optional<std::int64_t>& value) {
  return value ? bind(index, *value) : bind(index, std::nullopt);
}

Statement& Statement::bind(int index, const std::optional<std::string>& value) {
  return value ? bind(index, std::string_view{*value}) : bind(index, std::nullopt);
}

core::Result<bool> Statement::step() {
  if (status_ != SQLITE_OK) return error_from(db_, status_);
  const int rc = sqlite3_step(stmt_.get());
  if (rc == SQLITE_ROW) return true;
  if (rc == SQLITE_DONE) return false;
  note(rc);
  return error_from(db_, rc);
}

core::Status Statement::run() {
  for (;;) {
    auto row = step();
    if (!row) return row.error();
    if (!*row) return {};
  }
}

bool Statement::is_null(int column) const {
  return sqlite3_column_type(stmt_.get(), column) == SQLITE_NULL;
}

std::int64_t Statement::int64(int column) const { return sqlite3_column_int64(stmt_.get(), column); }

std::string Statement::text(int column) const {
  const auto* data = sqlite3_column_text(stmt_.get(), column);
  const int size = sqlite3_column_bytes(stmt_.get(), column);
  return data ? std::string(reinterpret_cast<const char*>(data), static_cast<std::size_t>(size))
              : std::string();
}

std::optional<std::int64_t> Statement::optional_int64(int column) const {
  if (is_null(column)) return std::nullopt;
  return int64(column);
}

std::optional<std::string> Statement::optional_text(int column) const {
  if (is_null(column)) return std::nullopt;
  return text(column);
}

}  // namespace msync::state::sqlite
