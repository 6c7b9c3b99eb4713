#pragma once
// A prepared statement: bind by 1-based index, step through rows, read columns by 0-based index.
// The first failure (prepare or bind) sticks and is returned by the next step(), so call sites bind
// a whole row and check once.
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "core/result.hpp"

struct sqlite3;
struct sqlite3_stmt;

namespace msync::state::sqlite {

class Statement {
 public:
  Statement(sqlite3* db, sqlite3_stmt* stmt, int status);

  Statement& bind(int index, std::int64_t value);
  Statement& bind(int index, std::string_view value);
  Statement& bind(int index, std::nullopt_t);
  Statement& bind(int index, const std::optional<std::int64_t>& value);
  Statement& bind(int index, const std::optional<std::string>& value);
  // Literals would otherwise be ambiguous between the integer and the text overloads.
  Statement& bind(int index, int value) { return bind(index, std::int64_t{value}); }
  Statement& bind(int index, const char* value) { return bind(index, std::string_view{value}); }
  Statement& bind(int index, const std::string& value) { return bind(index, std::string_view{value}); }

  // true: a row is ready to read; false: the statement is done.
  core::Result<bool> step();
  // Steps until done (statements that return no rows).
  core::Status run();

  bool is_null(int column) const;
  std::int64_t int64(int column) const;
  std::string text(int column) const;
  std::optional<std::int64_t> optional_int64(int column) const;
  std::optional<std::string> optional_text(int column) const;

 private:
  struct Finalizer {
    void operator()(sqlite3_stmt* stmt) const;
  };

  void note(int code);

  sqlite3* db_;
  std::unique_ptr<sqlite3_stmt, Finalizer> stmt_;
  int status_;  // SQLITE_OK, or the first error seen
};

}  // namespace msync::state::sqlite
