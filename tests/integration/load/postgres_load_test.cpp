// The loader's side of staging: a year's backfill from fake-marketo, then every staged file loaded
// into a real PostgreSQL with COPY (FORMAT csv, HEADER, NULL 'null'), driven only by the manifests
// (table, columns, compression). What PostgreSQL then holds equals the oracle value for value, and
// Marketo's `null` marker arrives as SQL NULL. The README's "Loading staged files" recipe is this.
#include <gtest/gtest.h>
#include <rapidjson/document.h>

#include <algorithm>
#include <fstream>
#include <sstream>

#include "export_run.hpp"
#include "postgres_server.hpp"
#include "staging/staging.hpp"

using namespace msync;
using export_test::ExportRun;
using export_test::read_file;
using load_test::PostgresServer;

namespace {

namespace fs = std::filesystem;

std::string quoted(const std::string& identifier) { return "\"" + identifier + "\""; }

// The table for a sync: one column per manifest column header, text except the id and the times,
// so that COPY also proves the values parse as what they are.
std::string create_table(const staging::Manifest& m) {
  std::string sql = "CREATE TABLE IF NOT EXISTS " + quoted(m.sync) + " (";
  for (std::size_t i = 0; i < m.fields.size(); ++i) {
    const std::string& field = m.fields[i];
    const std::string type = field == "id" ? "bigint" : field.ends_with("At") ? "timestamptz" : "text";
    sql += (i ? ", " : "") + quoted(m.column_headers[i]) + " " + type;
  }
  return sql + ")";
}

// The COPY for one staged file, from its manifest alone: columns in file order, the null marker,
// and a decompressing program when the file is stored compressed. psql's \copy reads the file as
// this process (the server runs as another user); the options are COPY's own.
std::string copy_command(const staging::Manifest& m, const fs::path& file) {
  std::string columns;
  for (const auto& header : m.column_headers) columns += (columns.empty() ? "" : ", ") + quoted(header);
  const std::string options = " WITH (FORMAT csv, HEADER true, NULL '" + std::string(csv::kNullMarker) + "')";
  const std::string target = "\\copy " + quoted(m.sync) + " (" + columns + ") FROM ";
  switch (m.compression) {
    case staging::Compression::gzip: return target + "PROGRAM 'gzip -dc " + file.string() + "'" + options;
    case staging::Compression::zstd: return target + "PROGRAM 'zstd -q -dc " + file.string() + "'" + options;
    case staging::Compression::none: break;
  }
  return target + "'" + file.string() + "'" + options;
}

// The table as CSV in the oracle's column order and spelling (times back in Marketo's ISO form,
// NULL as Marketo's null marker).
std::string table_as_csv(const PostgresServer& pg, const std::string& sync) {
  std::string select;
  for (const std::string field : {"id", "email", "firstName", "lastName", "company", "createdAt", "updatedAt"}) {
    const std::string column = field.ends_with("At")
                                   ? "to_char(" + quoted(field) + " AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"')"
                                   : quoted(field);
    select += (select.empty() ? "" : ", ") + column;
  }
  auto out = pg.psql("\\copy (SELECT " + select + " FROM " + quoted(sync) +
                     ") TO STDOUT WITH (FORMAT csv, HEADER true, NULL 'null')");
  EXPECT_EQ(out.exit_code, 0) << out.err;
  return out.out;
}

struct Loaded {
  std::size_t files = 0;
  std::uint64_t records = 0;
};

// Every manifest of the sync, in name order: create the table once, then COPY the file; COPY's
// own count must equal the manifest's records.
Loaded load_sync(const PostgresServer& pg, const fs::path& sync_dir) {
  std::vector<fs::path> manifests;
  for (const auto& entry : fs::directory_iterator(sync_dir))
    if (entry.path().filename().string().ends_with(".manifest.json")) manifests.push_back(entry.path());
  std::sort(manifests.begin(), manifests.end());
  Loaded loaded;
  for (const auto& path : manifests) {
    auto manifest = staging::parse_manifest(read_file(path));
    EXPECT_TRUE(manifest.ok()) << path;
    if (!manifest.ok()) continue;
    EXPECT_EQ(manifest->format, csv::Format::csv);
    if (loaded.files == 0) {
      auto created = pg.psql(create_table(*manifest));
      EXPECT_EQ(created.exit_code, 0) << created.err;
    }
    auto copied = pg.psql(copy_command(*manifest, sync_dir / manifest->file));
    EXPECT_EQ(copied.exit_code, 0) << manifest->file << ": " << copied.err;
    EXPECT_EQ(copied.out, "COPY " + std::to_string(manifest->records) + "\n") << manifest->file;
    ++loaded.files;
    loaded.records += manifest->records;
  }
  return loaded;
}

std::uint64_t scalar(const PostgresServer& pg, const std::string& sql) {
  auto out = pg.psql(sql);
  EXPECT_EQ(out.exit_code, 0) << sql << ": " << out.err;
  return out.exit_code == 0 ? std::stoull(out.out) : 0;
}

// The whole check for one run: start PostgreSQL, load the sync, compare with the oracle.
void load_and_compare(const ExportRun& run, const std::string& sync) {
  const auto bin = PostgresServer::find_bin_dir();
  ASSERT_TRUE(bin) << "checked before the run";
  PostgresServer pg(*bin);
  ASSERT_EQ(pg.failed(), "") << "PostgreSQL did not start";

  const auto loaded = load_sync(pg, run.dir() / "staging" / sync);
  const auto staged = run.staged(sync);
  ASSERT_EQ(loaded.files, staged.size());
  ASSERT_GE(loaded.files, 53u) << "a year of 7-day windows";

  const auto last_end = core::parse_iso8601(staged.back().end_at);
  ASSERT_TRUE(last_end);
  const auto oracle = export_test::oracle_rows(run.data_flags(), "createdAt", run.epoch(), *last_end);
  EXPECT_EQ(scalar(pg, "SELECT count(*) FROM " + quoted(sync)), oracle.size());
  EXPECT_EQ(loaded.records, oracle.size());

  auto in_postgres = export_test::data_rows(table_as_csv(pg, sync));
  std::sort(in_postgres.begin(), in_postgres.end());
  EXPECT_EQ(in_postgres.size(), oracle.size());
  EXPECT_TRUE(in_postgres == oracle) << "PostgreSQL holds other values than the oracle";

  // Marketo's `null` became SQL NULL, never the text 'null'; and the sample has some.
  const auto oracle_nulls = static_cast<std::uint64_t>(std::count_if(oracle.begin(), oracle.end(), [](const std::string& row) {
    return row.find("\x1fnull\x1f") != std::string::npos;
  }));
  EXPECT_GT(oracle_nulls, 0u) << "the data has no null values to prove the marker with";
  EXPECT_EQ(scalar(pg, "SELECT count(*) FROM " + quoted(sync) +
                           " WHERE \"email\" = 'null' OR \"firstName\" = 'null' OR \"lastName\" = 'null' OR "
                           "\"company\" = 'null'"),
            0u);
  EXPECT_GT(scalar(pg, "SELECT count(*) FROM " + quoted(sync) +
                           " WHERE \"email\" IS NULL OR \"firstName\" IS NULL OR \"lastName\" IS NULL OR "
                           "\"company\" IS NULL"),
            0u);
  // A few values by id, spelled out, in case both sides were ever compared wrongly alike.
  const std::string first = oracle.front().substr(0, oracle.front().find('\x1f'));
  auto email = pg.psql("SELECT coalesce(\"email\", 'null') FROM " + quoted(sync) + " WHERE \"id\" = " + first);
  EXPECT_EQ(email.exit_code, 0) << email.err;
  const std::string oracle_email = oracle.front().substr(first.size() + 1, oracle.front().find('\x1f', first.size() + 1) - first.size() - 1);
  EXPECT_EQ(email.out, oracle_email + "\n");
}

class PostgresLoad : public ::testing::Test {
 protected:
  void SetUp() override {
    if (!PostgresServer::find_bin_dir())
      GTEST_SKIP() << "PostgreSQL is not installed (no /usr/lib/postgresql/*/bin/initdb, pg_ctl, psql): "
                      "scripts/install-deps.sh installs the postgresql package";
  }
};

}  // namespace

TEST_F(PostgresLoad, EveryStagedFileLoadsWithCopyAndEqualsTheOracle) {
  ExportRun run({}, false);
  const auto result = run.run_once();
  ASSERT_EQ(result.exit_code, 0) << result.err;
  load_and_compare(run, "leads_created");
}

TEST_F(PostgresLoad, CompressedFilesLoadThroughADecompressingProgram) {
  ExportRun run({}, false, 600, "gzip");
  const auto result = run.run_once();
  ASSERT_EQ(result.exit_code, 0) << result.err;
  load_and_compare(run, "leads_created");
}
