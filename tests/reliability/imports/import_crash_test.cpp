// Program member imports survive kill -9 at the worst moments (MSYNC_CRASH_AT) and SIGTERM mid-run:
// the next run finishes the files, every member is imported once (or, for the one upload whose
// answer was never recorded, the doubt is spelled out), and each file's results are written once.
#include <gtest/gtest.h>
#include <signal.h>

#include <map>
#include <thread>

#include "import_run.hpp"

using namespace msync;
using namespace msync::import_test;
using namespace std::chrono_literals;

namespace {

constexpr int kKilled = 128 + SIGKILL;  // how run_to_completion reports a crash point

test_support::Environment crash_at(const std::string& point) {
  test_support::Environment env;
  env.set["MSYNC_CRASH_AT"] = point;
  return env;
}

struct Dropped {
  std::map<std::string, std::string> files;  // name -> bytes
  std::vector<std::string> emails;
  std::vector<std::string> names() const {
    std::vector<std::string> out;
    for (const auto& [name, bytes] : files) out.push_back(name);
    return out;
  }
};

Dropped drop_files(const ImportRun& run, int count, std::size_t rows, bool settled = true) {
  Dropped dropped;
  for (int f = 1; f <= count; ++f) {
    const std::string prefix = "file" + std::to_string(f);
    const std::string name = prefix + ".csv";
    dropped.files[name] = member_file(prefix, rows);
    for (std::size_t row = 0; row < rows; ++row) dropped.emails.push_back(member_email(prefix, row));
    run.drop(name, dropped.files[name], settled);
  }
  return dropped;
}

// Every file's results once, complete, with `rows` members imported; nothing left in inbound or in
// the work folders.
void expect_finished_once(const ImportRun& run, const Dropped& dropped, std::size_t rows) {
  EXPECT_EQ(ImportRun::entries(run.done_root()), dropped.names()) << "a file's results were written twice or not at all";
  for (const auto& [name, bytes] : dropped.files) {
    const auto s = expect_result_folder(run, name, bytes);
    if (!s) continue;
    EXPECT_EQ(s->outcome, "complete") << name;
    EXPECT_EQ(s->leads_processed, static_cast<std::int64_t>(rows)) << name;
  }
  EXPECT_TRUE(ImportRun::entries(run.inbound()).empty());
  EXPECT_TRUE(ImportRun::entries(run.rejected_root()).empty());
  expect_no_work_left(run);
}

// Killed at `point` on the first run; the second run, unarmed, finishes. The batchIds were
// recorded before the crash, so nothing is uploaded twice.
void crash_then_finish(const std::string& point, std::size_t done_after_crash) {
  ImportRun run;
  const auto dropped = drop_files(run, 3, 30);
  const auto first = run.run_once(crash_at(point));
  ASSERT_EQ(first.exit_code, kKilled) << "the crash point " << point << " was not reached:\n" << first.err;
  EXPECT_EQ(ImportRun::entries(run.done_root()).size(), done_after_crash);
  EXPECT_EQ(run.uploads(), 3u);

  const auto second = run.run_once();
  ASSERT_EQ(second.exit_code, 0) << second.err;
  EXPECT_EQ(run.uploads(), 3u) << "a batch whose batchId was recorded was uploaded again";
  expect_members(run.members(), dropped.emails, "On List", 1);
  expect_finished_once(run, dropped, 30);
}

}  // namespace

TEST(ImportCrash, KilledBeforeResultsAreWrittenWritesThemOnceOnTheNextRun) {
  crash_then_finish("import.before_results", 0);
}

TEST(ImportCrash, KilledAfterResultsAreWrittenDoesNotWriteThemAgain) {
  // The first file to finish has its folder; the kill comes before it is marked finished.
  crash_then_finish("import.after_results", 1);
}

TEST(ImportCrash, KilledAfterAnUnrecordedUploadUploadsThatPartAgain) {
  // Marketo answered the upload, and the process died before the batchId was recorded. Marketo's
  // API lists no import batches, so the next run cannot ask whether Marketo took it: it uploads the
  // part again (see lib/imports/part_runner.hpp). Both batches run, so each member is imported
  // TWICE: an upsert keyed by email, which leaves the membership exactly right. This test pins
  // that: the right members with the right status, exactly 2 uploads of the file, results once.
  ImportRun run;
  const auto dropped = drop_files(run, 1, 40);
  const auto first = run.run_once(crash_at("import.after_upload"));
  ASSERT_EQ(first.exit_code, kKilled) << first.err;
  EXPECT_EQ(run.uploads(), 1u);
  EXPECT_TRUE(ImportRun::entries(run.done_root()).empty());

  const auto second = run.run_once();
  ASSERT_EQ(second.exit_code, 0) << second.err;
  EXPECT_EQ(run.uploads(), 2u) << "the upload in doubt was not sent again exactly once";
  expect_members(run.members(), dropped.emails, "On List", 2);
  expect_finished_once(run, dropped, 40);
  const auto s = ResultStatus::parse(run.done_root() / "file1.csv" / "status.json");
  ASSERT_EQ(s.parts.size(), 1u);
  EXPECT_EQ(s.parts[0].batch_id, 1041) << "the result is not the second batch's";
}

TEST(ImportCrash, SigtermWhileBatchesAreQueuedStopsPromptlyAndTheNextRunFinishes) {
  // A slow Marketo: 3 s importing each, 2 at a time, so most batches are still queued when the
  // daemon is told to stop.
  ImportRun run({"--import-process-seconds", "3"});
  Dropped dropped;
  {
    test_support::ChildProcess daemon(run.daemon_argv(false), {}, run.dir() / "daemon.log");
    // Moved in while the daemon runs: taken at once.
    dropped = drop_files(run, 12, 10, false);
    const auto deadline = std::chrono::steady_clock::now() + 60s;
    while (run.uploads() < 4 && std::chrono::steady_clock::now() < deadline) std::this_thread::sleep_for(50ms);
    ASSERT_GE(run.uploads(), 4u) << read_file(run.dir() / "daemon.log");
    daemon.signal(SIGTERM);
    const auto code = daemon.wait_for(10s);
    ASSERT_TRUE(code.has_value()) << "no exit within 10 s of SIGTERM";
    EXPECT_EQ(*code, 0) << read_file(run.dir() / "daemon.log");
  }
  EXPECT_LT(ImportRun::entries(run.done_root()).size(), 12u) << "the stop came too late to test anything";

  const auto second = run.run_once();
  ASSERT_EQ(second.exit_code, 0) << second.err;
  EXPECT_EQ(run.uploads(), 12u) << "a batch was uploaded twice (or a file not at all)";
  expect_members(run.members(), dropped.emails, "On List", 1);
  expect_finished_once(run, dropped, 10);
}
