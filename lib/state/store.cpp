#include "state/store.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <string>

#include <fmt/format.h>

#include "state/migrations.hpp"

namespace msync::state {
namespace {

const core::SystemClock system_clock;

// SQLite would create the file with the process umask; the state names the subscription's jobs, so
// it is created private first. SQLite gives its -wal and -shm files the same mode.
core::Status create_private(const std::filesystem::path& path) {
  const int fd = ::open(path.c_str(), O_RDWR | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
  if (fd >= 0) {
    ::close(fd);
    return {};
  }
  if (errno == EEXIST) return {};
  return core::make_error(fmt::format("state db {}: cannot create: {}", path.string(),
                                      std::strerror(errno)),
                          core::ErrorKind::permanent);
}

core::Status configure(sqlite::Database& db, sqlite::Database::Mode mode) {
  // Long enough to ride out a `status` reader's checkpoint, short enough to report a stuck peer.
  if (auto st = db.exec("PRAGMA busy_timeout = 5000"); !st) return st;
  if (mode == sqlite::Database::Mode::read_only) return db.exec("PRAGMA query_only = ON");
  auto journal = db.prepare("PRAGMA journal_mode = WAL");
  auto row = journal.step();
  if (!row) return row.error();
  if (!*row || journal.text(0) != "wal") {
    return core::make_error(fmt::format("{}: cannot switch to WAL journal mode", db.path()),
                            core::ErrorKind::permanent);
  }
  // FULL: every committed state transition survives power loss, not only a process crash.
  if (auto st = db.exec("PRAGMA synchronous = FULL"); !st) return st;
  return db.exec("PRAGMA foreign_keys = ON");
}

core::Error opening(const std::filesystem::path& path, const core::Error& cause) {
  return core::make_error(fmt::format("state: open {}: {}", path.string(), cause.message),
                          cause.kind);
}

}  // namespace

core::Result<Store> Store::open(const std::filesystem::path& path, const core::Clock& clock) {
  if (auto st = create_private(path); !st) return st.error();
  auto db = sqlite::Database::open(path, sqlite::Database::Mode::read_write);
  if (!db) return opening(path, db.error());
  if (auto st = configure(*db, sqlite::Database::Mode::read_write); !st) {
    return opening(path, st.error());
  }
  if (auto st = migrate(*db); !st) return opening(path, st.error());
  return Store(std::move(*db), path, clock);
}

core::Result<Store> Store::open(const std::filesystem::path& path) {
  return open(path, system_clock);
}

core::Result<Store> Store::open_read_only(const std::filesystem::path& path) {
  auto db = sqlite::Database::open(path, sqlite::Database::Mode::read_only);
  if (!db) return opening(path, db.error());
  if (auto st = configure(*db, sqlite::Database::Mode::read_only); !st) {
    return opening(path, st.error());
  }
  if (auto st = check_schema_current(*db); !st) return opening(path, st.error());
  return Store(std::move(*db), path, system_clock);
}

int Store::schema_version() { return static_cast<int>(migrations().size()); }

core::Status Store::integrity_check() {
  auto stmt = db_.prepare("PRAGMA integrity_check");
  std::string problems;
  for (;;) {
    auto row = stmt.step();
    if (!row) return fail("integrity check", row.error());
    if (!*row) break;
    const std::string line = stmt.text(0);
    if (line == "ok") continue;
    if (!problems.empty()) problems += "; ";
    problems += line;
  }
  if (problems.empty()) return {};
  return refuse("integrity check failed: " + problems);
}

core::Error Store::fail(std::string_view operation, const core::Error& cause) const {
  return core::make_error(fmt::format("state: {}: {}", operation, cause.message), cause.kind);
}

core::Error Store::refuse(std::string operation_and_reason) const {
  return core::make_error(fmt::format("state {}: {}", path_.string(), operation_and_reason),
                          core::ErrorKind::permanent);
}

std::int64_t Store::now() const { return clock_->now().time_since_epoch().count(); }

}  // namespace msync::state
