// Syncs with `compression: gzip | zstd` against fake-marketo: every staged file decodes with the
// standard tool to bytes whose SHA-256 is the manifest's (Marketo's fileChecksum), and the rows
// equal the oracle's; a kill -9 mid-download of a compressed file resumes to the same result.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <vector>

#include "export_run.hpp"

using namespace msync;
using namespace std::chrono_literals;
using export_test::ExportRun;

namespace {

// Every staged file of the sync is stored with the codec and named for it.
void expect_all_stored_as(const ExportRun& run, const std::string& sync, const std::string& compression,
                          const std::string& suffix) {
  const auto files = run.staged(sync);
  ASSERT_FALSE(files.empty());
  for (const auto& file : files) {
    EXPECT_EQ(file.compression, compression) << file.path;
    EXPECT_TRUE(file.path.string().ends_with(".csv" + suffix)) << file.path;
  }
}

std::vector<std::filesystem::path> parts_on_disk(const std::filesystem::path& sync_dir) {
  std::vector<std::filesystem::path> parts;
  std::error_code ec;
  for (const auto& entry : std::filesystem::directory_iterator(sync_dir / ".tmp", ec))
    if (entry.path().extension() == ".part") parts.push_back(entry.path());
  return parts;
}

bool part_on_disk(const std::filesystem::path& sync_dir) { return !parts_on_disk(sync_dir).empty(); }

// Runs the daemon once with a crash point armed: it must die of SIGKILL there.
void run_until_killed_at(const ExportRun& run, const std::string& point) {
  test_support::Environment env;
  env.set["MSYNC_CRASH_AT"] = point;
  const auto killed = test_support::run_to_completion(run.daemon_argv(true), env, 300s);
  ASSERT_EQ(killed.exit_code, 128 + 9) << "the crash point " << point << " was not reached: " << killed.err;
}

}  // namespace

struct Codec {
  std::string name, suffix;
};

class CompressedBackfill : public ::testing::TestWithParam<Codec> {};

TEST_P(CompressedBackfill, DecodesToMarketosChecksumAndTheOracle) {
  ExportRun run({}, false, 600, GetParam().name);
  const auto result = run.run_once();
  ASSERT_EQ(result.exit_code, 0) << result.err;
  run.expect_matches_oracle("leads_created", "createdAt");
  expect_all_stored_as(run, "leads_created", GetParam().name, GetParam().suffix);
}

INSTANTIATE_TEST_SUITE_P(CompressedStaging, CompressedBackfill,
                         ::testing::Values(Codec{"gzip", ".gz"}, Codec{"zstd", ".zst"}),
                         [](const auto& info) { return info.param.name; });

TEST(CompressedStaging, Kill9MidDownloadResumesTheCompressedPart) {
  ExportRun run({}, false, 600, "gzip");
  run_until_killed_at(run, "export.mid_download");
  ASSERT_TRUE(part_on_disk(run.dir() / "staging" / "leads_created")) << "the kill left no .part to resume";
  const auto result = run.run_once();
  ASSERT_EQ(result.exit_code, 0) << result.err;
  run.expect_matches_oracle("leads_created", "createdAt");
  expect_all_stored_as(run, "leads_created", "gzip", ".gz");
  EXPECT_FALSE(part_on_disk(run.dir() / "staging" / "leads_created"));
}

TEST(CompressedStaging, Kill9BetweenPublishAndCommitPublishesOnce) {
  ExportRun run({}, false, 600, "zstd");
  run_until_killed_at(run, "export.before_staged_commit");
  ASSERT_EQ(run.manifests("leads_created"), 1u) << "killed after the first publish, before its commit";
  const std::string published = run.staged("leads_created").at(0).export_id;
  const auto result = run.run_once();
  ASSERT_EQ(result.exit_code, 0) << result.err;
  run.expect_matches_oracle("leads_created", "createdAt");
  expect_all_stored_as(run, "leads_created", "zstd", ".zst");
  // The published file was committed from its manifest on the restart, not downloaded again. (Only
  // its own file: another job may have been mid-download at the kill and rightly resumes.)
  EXPECT_EQ(run.count("GET", "/" + published + "/file.json"), 1u);
}

TEST(CompressedStaging, DamagedPartIsCutAtItsLastGoodFrameAndResumed) {
  ExportRun run({}, false, 600, "zstd");
  run_until_killed_at(run, "export.mid_download");
  const auto parts = parts_on_disk(run.dir() / "staging" / "leads_created");
  // Usually one; two when a second download had opened its .part before the first one's write.
  ASSERT_FALSE(parts.empty());
  for (const auto& part : parts) {
    // Not zstd at all, and not a torn tail of zeros either: cut to nothing, the download starts over.
    std::ofstream damage(part, std::ios::binary | std::ios::trunc);
    for (int i = 0; i < 200; ++i) damage << "id,email\n" << i << ",x@example.com\n";
  }
  const auto result = run.run_once();
  ASSERT_EQ(result.exit_code, 0) << result.err;
  for (const auto& part : parts)
    EXPECT_NE(result.err.find(part.filename().string() + ": damaged: "), std::string::npos) << result.err;
  EXPECT_NE(result.err.find("resuming at raw byte 0"), std::string::npos) << result.err;
  run.expect_matches_oracle("leads_created", "createdAt");
  expect_all_stored_as(run, "leads_created", "zstd", ".zst");
}
