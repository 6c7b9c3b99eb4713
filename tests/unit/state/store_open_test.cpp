#include <gtest/gtest.h>
#include <sqlite3.h>
#include <sys/stat.h>

#include <fstream>
#include <string>

#include "state/migrations.hpp"
#include "state/state.hpp"
#include "store_fixture.hpp"
#include "temp_dir.hpp"

namespace msync::state::test {
namespace {

// Reads one value through a connection of its own, as the sqlite3 shell would.
std::string pragma(const std::filesystem::path& db, const char* sql) {
  sqlite3* raw = nullptr;
  EXPECT_EQ(sqlite3_open_v2(db.c_str(), &raw, SQLITE_OPEN_READWRITE, nullptr), SQLITE_OK);
  sqlite3_stmt* stmt = nullptr;
  EXPECT_EQ(sqlite3_prepare_v2(raw, sql, -1, &stmt, nullptr), SQLITE_OK);
  std::string value;
  if (sqlite3_step(stmt) == SQLITE_ROW) value = reinterpret_cast<const char*>(sqlite3_column_text(stmt, 0));
  sqlite3_finalize(stmt);
  sqlite3_close(raw);
  return value;
}

unsigned mode_of(const std::filesystem::path& p) {
  struct stat st {};
  EXPECT_EQ(::stat(p.c_str(), &st), 0) << p;
  return st.st_mode & 0777;
}

TEST(StateOpen, CreatesAPrivateMigratedWalDatabase) {
  TempDir dir;
  auto store = Store::open(dir.db());
  ASSERT_TRUE(store) << store.error().message;
  ASSERT_TRUE(store->ensure_sync("leads", SyncKind::incremental, at("2024-01-01T00:00:00Z")));
  EXPECT_EQ(mode_of(dir.db()), 0600u);
  EXPECT_EQ(mode_of(dir.path() / "state.db-wal"), 0600u);
  EXPECT_EQ(pragma(dir.db(), "PRAGMA journal_mode"), "wal");
  EXPECT_EQ(pragma(dir.db(), "PRAGMA user_version"), std::to_string(Store::schema_version()));
  EXPECT_TRUE(store->integrity_check());
}

TEST(StateOpen, MigratesAnEmptyFileAndReopensWithoutMigratingAgain) {
  TempDir dir;
  std::ofstream(dir.db()).flush();  // an empty file is an empty database
  {
    auto store = Store::open(dir.db());
    ASSERT_TRUE(store) << store.error().message;
    ASSERT_TRUE(store->ensure_sync("leads", SyncKind::incremental, at("2024-01-01T00:00:00Z")));
  }
  auto again = Store::open(dir.db());
  ASSERT_TRUE(again) << again.error().message;
  auto syncs = again->list_syncs();
  ASSERT_TRUE(syncs);
  ASSERT_EQ(syncs->size(), 1u);
  EXPECT_EQ((*syncs)[0].name, "leads");
  EXPECT_EQ(pragma(dir.db(), "PRAGMA user_version"), std::to_string(Store::schema_version()));
}

TEST(StateOpen, MigratesAnOlderSchemaKeepingItsData) {
  TempDir dir;
  {
    sqlite3* raw = nullptr;
    ASSERT_EQ(sqlite3_open(dir.db().c_str(), &raw), SQLITE_OK);
    const std::string v1(migrations()[0]);
    ASSERT_EQ(sqlite3_exec(raw, v1.c_str(), nullptr, nullptr, nullptr), SQLITE_OK);
    ASSERT_EQ(sqlite3_exec(raw,
                           "PRAGMA user_version = 1; INSERT INTO syncs (name, kind, start_at, "
                           "watermark) VALUES ('leads', 'incremental', 0, 0)",
                           nullptr, nullptr, nullptr),
              SQLITE_OK);
    sqlite3_close(raw);
  }
  ASSERT_GT(Store::schema_version(), 1);
  auto store = Store::open(dir.db());
  ASSERT_TRUE(store) << store.error().message;
  EXPECT_EQ(pragma(dir.db(), "PRAGMA user_version"), std::to_string(Store::schema_version()));
  EXPECT_TRUE(store->get_sync("leads"));
  EXPECT_TRUE(store->take_import_file("webinar", "a.csv", "00"));  // a table from schema 2
  EXPECT_TRUE(store->integrity_check());
}

TEST(StateOpen, SchemaThreeRebuildsWindowsKeepingWindowsAndTheirJobs) {
  TempDir dir;
  {
    sqlite3* raw = nullptr;
    ASSERT_EQ(sqlite3_open(dir.db().c_str(), &raw), SQLITE_OK);
    const std::string v1(migrations()[0]), v2(migrations()[1]);
    ASSERT_EQ(sqlite3_exec(raw, (v1 + v2).c_str(), nullptr, nullptr, nullptr), SQLITE_OK);
    ASSERT_EQ(sqlite3_exec(raw,
                           "PRAGMA user_version = 2; PRAGMA foreign_keys = ON;"
                           "INSERT INTO syncs (name, kind, start_at, watermark) VALUES ('vip', 'snapshot', 0, 0);"
                           "INSERT INTO windows (id, sync_id, kind, start_at, end_at, planned_at) "
                           "VALUES (7, 1, 'snapshot', 100, 100, 100);"
                           "INSERT INTO jobs (window_id, state, export_id, intent_at, updated_at) "
                           "VALUES (7, 'created', 'e-1', 100, 100);",
                           nullptr, nullptr, nullptr),
              SQLITE_OK)
        << sqlite3_errmsg(raw);
    sqlite3_close(raw);
  }
  auto store = Store::open(dir.db());
  ASSERT_TRUE(store) << store.error().message;
  EXPECT_EQ(pragma(dir.db(), "PRAGMA user_version"), std::to_string(Store::schema_version()));
  auto window = store->get_window(WindowId{7});
  ASSERT_TRUE(window) << window.error().message;
  EXPECT_EQ(window->sync, "vip");
  EXPECT_EQ(window->program_id, 0);
  EXPECT_EQ(window->attempts, 1);
  auto job = store->find_job_by_export_id("e-1");
  ASSERT_TRUE(job && *job);
  EXPECT_EQ((*job)->window, WindowId{7});
  EXPECT_TRUE(store->integrity_check());
  EXPECT_EQ(pragma(dir.db(), "PRAGMA foreign_key_check"), "");
  // The jobs' foreign key now points at the rebuilt table: a job of no window is refused.
  EXPECT_FALSE(store->record_intent(WindowId{99}));
}

TEST(StateOpen, MissingParentDirectoryIsAnErrorNamingThePath) {
  TempDir dir;
  const auto path = dir.path() / "missing" / "state.db";
  auto store = Store::open(path);
  ASSERT_FALSE(store);
  EXPECT_NE(store.error().message.find(path.string()), std::string::npos) << store.error().message;
  EXPECT_FALSE(std::filesystem::exists(dir.path() / "missing"));
}

TEST(StateOpen, RefusesADatabaseFromANewerProgram) {
  TempDir dir;
  { ASSERT_TRUE(Store::open(dir.db())); }
  pragma(dir.db(), "PRAGMA user_version = 999");
  auto store = Store::open(dir.db());
  ASSERT_FALSE(store);
  EXPECT_NE(store.error().message.find("999"), std::string::npos) << store.error().message;
  EXPECT_EQ(store.error().kind, core::ErrorKind::permanent);
}

TEST(StateOpen, ReadOnlyReadsBesideAWriterAndNeverWrites) {
  TempDir dir;
  auto writer = Store::open(dir.db());
  ASSERT_TRUE(writer);
  ASSERT_TRUE(writer->ensure_sync("leads", SyncKind::incremental, at("2024-01-01T00:00:00Z")));
  auto reader = Store::open_read_only(dir.db());
  ASSERT_TRUE(reader) << reader.error().message;
  auto watermark = reader->watermark("leads");
  ASSERT_TRUE(watermark);
  EXPECT_EQ(*watermark, at("2024-01-01T00:00:00Z"));
  EXPECT_FALSE(reader->ensure_sync("other", SyncKind::snapshot, at("2024-01-01T00:00:00Z")));
  EXPECT_TRUE(reader->status(at("2024-01-02T00:00:00Z")));
}

TEST(StateOpen, ReadOnlyWorksWhileTheDaemonIsDown) {
  TempDir dir;
  {
    auto writer = Store::open(dir.db());
    ASSERT_TRUE(writer);
    ASSERT_TRUE(writer->ensure_sync("leads", SyncKind::incremental, at("2024-01-01T00:00:00Z")));
  }
  auto reader = Store::open_read_only(dir.db());
  ASSERT_TRUE(reader) << reader.error().message;
  auto status = reader->status(at("2024-01-02T00:00:00Z"));
  ASSERT_TRUE(status) << status.error().message;
  ASSERT_EQ(status->syncs.size(), 1u);
  EXPECT_EQ(status->syncs[0].sync.name, "leads");
}

TEST(StateOpen, ReadOnlyRefusesAMissingOrUnmigratedDatabase) {
  TempDir dir;
  EXPECT_FALSE(Store::open_read_only(dir.db()));
  std::ofstream(dir.db()).flush();
  auto store = Store::open_read_only(dir.db());
  ASSERT_FALSE(store);
  EXPECT_NE(store.error().message.find("older"), std::string::npos) << store.error().message;
}

}  // namespace
}  // namespace msync::state::test
