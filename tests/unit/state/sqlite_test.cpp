#include <gtest/gtest.h>

#include <fstream>

#include "state/sqlite/database.hpp"
#include "state/sqlite/transaction.hpp"
#include "temp_dir.hpp"

namespace msync::state::sqlite {
namespace {

using test::TempDir;

Database open_db(const TempDir& dir) {
  std::ofstream(dir.db()).flush();
  auto db = Database::open(dir.db(), Database::Mode::read_write);
  EXPECT_TRUE(db) << db.error().message;
  return std::move(*db);
}

std::int64_t count(Database& db) {
  auto stmt = db.prepare("SELECT count(*) FROM t");
  auto row = stmt.step();
  EXPECT_TRUE(row && *row);
  return stmt.int64(0);
}

TEST(StateSqlite, OpeningAMissingFileFailsNamingIt) {
  TempDir dir;
  auto db = Database::open(dir.path() / "absent.db", Database::Mode::read_write);
  ASSERT_FALSE(db);
  EXPECT_NE(db.error().message.find("absent.db"), std::string::npos) << db.error().message;
}

TEST(StateSqlite, BindsAndReadsValues) {
  TempDir dir;
  Database db = open_db(dir);
  ASSERT_TRUE(db.exec("CREATE TABLE t (i INTEGER, s TEXT)"));
  auto insert = db.prepare("INSERT INTO t VALUES (?1, ?2)");
  insert.bind(1, std::int64_t{1} << 40).bind(2, "it's; DROP TABLE t");
  ASSERT_TRUE(insert.run());
  auto null_row = db.prepare("INSERT INTO t VALUES (?1, ?2)");
  null_row.bind(1, std::optional<std::int64_t>()).bind(2, std::optional<std::string>());
  ASSERT_TRUE(null_row.run());

  auto select = db.prepare("SELECT i, s FROM t ORDER BY rowid");
  auto row = select.step();
  ASSERT_TRUE(row && *row);
  EXPECT_EQ(select.int64(0), std::int64_t{1} << 40);
  EXPECT_EQ(select.text(1), "it's; DROP TABLE t");  // bound, never spliced into SQL
  row = select.step();
  ASSERT_TRUE(row && *row);
  EXPECT_EQ(select.optional_int64(0), std::nullopt);
  EXPECT_EQ(select.optional_text(1), std::nullopt);
  row = select.step();
  ASSERT_TRUE(row);
  EXPECT_FALSE(*row);
}

TEST(StateSqlite, PrepareAndBindErrorsSurfaceAtStepWithThePath) {
  TempDir dir;
  Database db = open_db(dir);
  auto bad_sql = db.prepare("SELEKT 1");
  auto row = bad_sql.step();
  ASSERT_FALSE(row);
  EXPECT_NE(row.error().message.find(dir.db().string()), std::string::npos) << row.error().message;

  auto bad_bind = db.prepare("SELECT ?1");
  bad_bind.bind(2, 5);  // out of range
  EXPECT_FALSE(bad_bind.step());
}

TEST(StateSqlite, TransactionRollsBackUnlessCommitted) {
  TempDir dir;
  Database db = open_db(dir);
  ASSERT_TRUE(db.exec("CREATE TABLE t (i INTEGER)"));
  {
    auto tx = Transaction::begin(db);
    ASSERT_TRUE(tx);
    ASSERT_TRUE(db.exec("INSERT INTO t VALUES (1)"));
  }
  EXPECT_EQ(count(db), 0);
  {
    auto tx = Transaction::begin(db);
    ASSERT_TRUE(tx);
    ASSERT_TRUE(db.exec("INSERT INTO t VALUES (1)"));
    ASSERT_TRUE(tx->commit());
  }
  EXPECT_EQ(count(db), 1);
}

TEST(StateSqlite, BusyIsTransient) {
  TempDir dir;
  Database first = open_db(dir);
  ASSERT_TRUE(first.exec("CREATE TABLE t (i INTEGER)"));
  auto second = Database::open(dir.db(), Database::Mode::read_write);
  ASSERT_TRUE(second);
  auto tx = Transaction::begin(first);
  ASSERT_TRUE(tx);
  auto blocked = Transaction::begin(*second);  // no busy_timeout on this raw connection
  ASSERT_FALSE(blocked);
  EXPECT_EQ(blocked.error().kind, core::ErrorKind::transient);
}

}  // namespace
}  // namespace msync::state::sqlite
