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

TEST(CompressedStaging, GzipBackfillDecodesToMarketosChecksumAndTheOracle) {
  ExportRun run({}, false, 600, "gzip");
  const auto result = run.run_once();
  ASSERT_EQ(result.exit_code, 0) << result.err;
  run.expect_matches_oracle("leads_created", "createdAt");
  expect_all_stored_as(run, "leads_created", "gzip", ".gz");
}

TEST(CompressedStaging, ZstdBackfillDecodesToMarketosChecksumAndTheOracle) {
  ExportRun run({}, false, 600, "zstd");
  const auto result = run.run_once();
  ASSERT_EQ(result.exit_code, 0) << result.err;
  run.expect_matches_oracle("leads_created", "createdAt");
  expect_all_stored_as(run, "leads_created", "zstd", ".zst");
}

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
  const auto result = run.run_once();
  ASSERT_EQ(result.exit_code, 0) << result.err;
  run.expect_matches_oracle("leads_created", "createdAt");
  expect_all_stored_as(run, "leads_created", "zstd", ".zst");
}

TEST(CompressedStaging, DamagedPartIsRefusedThenDownloadedAgain) {
  ExportRun run({}, false, 600, "zstd");
  run_until_killed_at(run, "export.mid_download");
  const auto parts = parts_on_disk(run.dir() / "staging" / "leads_created");
  // Usually one; two when a second download had opened its .part before the first one's write.
  ASSERT_FALSE(parts.empty());
  for (const auto& part : parts) {
    // Not zstd at all, and not a torn tail of zeros either: it must not be resumed from.
    std::ofstream damage(part, std::ios::binary | std::ios::trunc);
    for (int i = 0; i < 200; ++i) damage << "id,email\n" << i << ",x@example.com\n";
  }
  const auto result = run.run_once();
  ASSERT_EQ(result.exit_code, 0) << result.err;
  EXPECT_NE(result.err.find("the file is damaged"), std::string::npos) << result.err;
  for (const auto& part : parts)
    EXPECT_NE(result.err.find(part.filename().string() + ": not valid zstd data"), std::string::npos) << result.err;
  EXPECT_NE(result.err.find("downloading the file again from its start"), std::string::npos) << result.err;
  run.expect_matches_oracle("leads_created", "createdAt");
  expect_all_stored_as(run, "leads_created", "zstd", ".zst");
}
