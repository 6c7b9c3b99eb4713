// The `_SUCCESS` range markers: each watermark advance of an incremental sync leaves one, and the
// markers tile the synced time without gap or overlap, listing every staged file once; a backfill
// range gets one marker once its last window is staged.
#include <gtest/gtest.h>
#include <rapidjson/document.h>

#include <fstream>
#include <map>
#include <set>
#include <sstream>

#include "export_run.hpp"
#include "staging/staging.hpp"
#include "support/child_process.hpp"

using namespace msync;
using export_test::ExportRun;
using export_test::read_file;

namespace {

namespace fs = std::filesystem;

struct Marker {
  std::string name, kind, from, to;
  std::vector<std::string> files;
  std::uint64_t records = 0;
};

std::vector<Marker> markers(const fs::path& sync_dir, const std::string& kind) {
  std::vector<Marker> found;
  for (const auto& entry : fs::directory_iterator(sync_dir)) {
    const std::string name = entry.path().filename().string();
    if (!name.starts_with("_SUCCESS_" + kind + "_")) continue;
    rapidjson::Document doc;
    doc.Parse(read_file(entry.path()).c_str());
    EXPECT_FALSE(doc.HasParseError()) << name;
    if (doc.HasParseError()) continue;
    Marker m{name, doc["kind"].GetString(), doc["from"].GetString(), doc["to"].GetString(), {}, doc["records"].GetUint64()};
    for (const auto& f : doc["files"].GetArray()) m.files.emplace_back(f.GetString());
    EXPECT_EQ(doc["fileCount"].GetUint64(), m.files.size()) << name;
    EXPECT_EQ(doc["markerVersion"].GetInt(), 1) << name;
    found.push_back(std::move(m));
  }
  std::sort(found.begin(), found.end(), [](const Marker& a, const Marker& b) { return a.from < b.from; });
  return found;
}

std::string after_end(const std::string& inclusive_end) {
  return core::format_iso8601(core::parse_iso8601(inclusive_end).value() + core::Seconds{1});
}

}  // namespace

TEST(RangeMarkers, IncrementalMarkersTileTheWatermarksAdvance) {
  ExportRun run({}, false);
  const auto result = run.run_once();
  ASSERT_EQ(result.exit_code, 0) << result.err;
  const auto staged = run.staged("leads_created");
  ASSERT_GE(staged.size(), 53u);
  const auto found = markers(run.dir() / "staging" / "leads_created", "incremental");
  ASSERT_FALSE(found.empty());

  std::map<std::string, const export_test::StagedFile*> by_name;
  for (const auto& file : staged) by_name[file.path.filename().string()] = &file;
  EXPECT_EQ(found.front().from, core::format_iso8601(run.epoch()));
  EXPECT_EQ(found.back().to, after_end(staged.back().end_at));
  std::set<std::string> listed;
  std::uint64_t listed_records = 0;
  for (std::size_t i = 0; i < found.size(); ++i) {
    const Marker& m = found[i];
    if (i > 0) {
      EXPECT_EQ(m.from, found[i - 1].to) << m.name << ": a gap or an overlap";
    }
    ASSERT_FALSE(m.files.empty()) << m.name;
    std::uint64_t records = 0;
    for (const auto& name : m.files) {
      EXPECT_TRUE(listed.insert(name).second) << name << " is listed twice";
      auto file = by_name.find(name);
      ASSERT_NE(file, by_name.end()) << m.name << " lists " << name << ", which is not staged";
      records += file->second->records;
    }
    EXPECT_EQ(m.records, records) << m.name;
    // The marker's range is exactly its files' windows.
    EXPECT_EQ(by_name[m.files.front()]->start_at, m.from) << m.name;
    EXPECT_EQ(after_end(by_name[m.files.back()]->end_at), m.to) << m.name;
    listed_records += m.records;
  }
  EXPECT_EQ(listed.size(), staged.size()) << "some staged file is in no marker";
  std::uint64_t staged_records = 0;
  for (const auto& file : staged) staged_records += file.records;
  EXPECT_EQ(listed_records, staged_records);
}

TEST(RangeMarkers, BackfillRangeGetsOneMarkerOnceComplete) {
  ExportRun run({}, false);
  const auto from = run.epoch() + core::Seconds{14 * 86400};
  const auto to = run.epoch() + core::Seconds{42 * 86400};
  const auto added = test_support::run_to_completion(run.backfill_argv("leads_created", from, to));
  ASSERT_EQ(added.exit_code, 0) << added.err;
  const auto result = run.run_once();
  ASSERT_EQ(result.exit_code, 0) << result.err;

  const auto sync_dir = run.dir() / "staging" / "leads_created";
  const auto found = markers(sync_dir, "backfill");
  ASSERT_EQ(found.size(), 1u);
  const Marker& m = found.front();
  EXPECT_EQ(m.name, "_SUCCESS_backfill_" + core::format_iso8601_basic(from) + "_" + core::format_iso8601_basic(to) + ".json");
  EXPECT_EQ(m.from, core::format_iso8601(from));
  EXPECT_EQ(m.to, core::format_iso8601(to));
  ASSERT_EQ(m.files.size(), 4u) << "28 days of 7-day windows";
  // Its files are the backfill's own (not the incremental windows over the same days), and hold
  // what the oracle has for the range.
  const auto incremental = markers(sync_dir, "incremental");
  std::set<std::string> incremental_files;
  for (const auto& im : incremental) incremental_files.insert(im.files.begin(), im.files.end());
  std::uint64_t records = 0;
  for (const auto& name : m.files) {
    EXPECT_FALSE(incremental_files.count(name)) << name;
    auto manifest = staging::parse_manifest(read_file(sync_dir / staging::manifest_file_name(name)));
    ASSERT_TRUE(manifest.ok()) << name;
    records += manifest->records;
  }
  EXPECT_EQ(m.records, records);
  const auto oracle = export_test::oracle_rows(run.data_flags(), "createdAt", from, to - core::Seconds{1});
  EXPECT_EQ(records, oracle.size());
  EXPECT_GT(records, 0u);
}
