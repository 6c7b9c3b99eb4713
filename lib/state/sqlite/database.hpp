#pragma once
// An open SQLite connection: owns the handle, prepares statements, runs scripts. Errors name the
// database file; bound values never reach a message.
#include <cstdint>
#include <filesystem>
#include <memory>
#include <string>
#include <string_view>

#include "core/result.hpp"
#include "state/sqlite/statement.hpp"

struct sqlite3;

namespace msync::state::sqlite {

class Database {
 public:
  enum class Mode { read_write, read_only };

  // The file must exist (callers create it with the permissions they want).
  static core::Result<Database> open(const std::filesystem::path& path, Mode mode);

  // Runs one or more statements without bound values (pragmas, migration scripts).
  core::Status exec(std::string_view sql);

  // Preparation errors are kept in the statement and reported by its first step.
  Statement prepare(std::string_view sql);

  const std::string& path() const { return path_; }
  std::int64_t last_insert_rowid() const;
  int changes() const;

  // "<path>: <what SQLite said>", with a kind: busy/locked are transient, the rest generic.
  core::Error error(int code) const;

 private:
  struct Closer {
    void operator()(sqlite3* db) const;
  };

  Database(sqlite3* db, std::string path) : db_(db), path_(std::move(path)) {}

  std::unique_ptr<sqlite3, Closer> db_;
  std::string path_;
};

}  // namespace msync::state::sqlite
