// marketo-syncd against a fake-marketo that misbehaves, end to end. Each hostile answer must be
// refused with an error that names what was wrong and where; the job then either carries on (the
// misbehaviour stops after TIMES answers and the staged data equals the oracle) or fails cleanly
// (nothing published, the sync stopped with a reason); and nothing is ever written outside
// staging_dir, whatever ids Marketo hands out.
#include <gmock/gmock.h>
#include <sysexits.h>

#include <fstream>

#include "import_run.hpp"
#include "reliability/hostile/file_tree.hpp"
#include "reliability/hostile/short_run.hpp"

namespace msync::reliability {
namespace {

using ::testing::HasSubstr;
using ::testing::IsEmpty;

// A kind of hostile answer, how many of them fake-marketo sends, and the error the daemon must log.
struct Case {
  std::string kind;
  unsigned times;
  std::string error;

  friend void PrintTo(const Case& c, std::ostream* out) { *out << c.kind << ':' << c.times; }
};

class HostileAnswer : public ::testing::TestWithParam<Case> {};

// Refused with the error, carried on, staged everything, wrote nothing astray.
TEST_P(HostileAnswer, IsRefusedAndTheRunCarriesOn) {
  const Case& c = GetParam();
  const auto run = ShortRun::misbehaving(c.kind + ":" + std::to_string(c.times));
  const auto result = run.run_once();
  EXPECT_EQ(result.exit_code, 0) << result.err;
  EXPECT_THAT(result.err, HasSubstr(c.error));
  const auto spoiled = run.spoiled(c.kind);
  EXPECT_EQ(spoiled.size(), c.times) << "fake-marketo spoiled another number of answers";
  for (const auto& answer : spoiled) {
    // A header flood offers 2 GiB: the client stops at its 64 KiB limit, plus what sat in socket
    // buffers meanwhile.
    EXPECT_LT(answer.bytes, 32u << 20) << answer.target << ": the client read on into the answer";
  }
  run.expect_staged_matches_oracle();
  EXPECT_THAT(run.strays(), IsEmpty());
  EXPECT_THAT(escapes_beside(run.dir()), IsEmpty());
}

const std::string kBadExportId = "export.create: malformed answer: result[0].exportId is not an id of [A-Za-z0-9-]";

INSTANTIATE_TEST_SUITE_P(
    Kinds, HostileAnswer,
    ::testing::Values(
        Case{"export-id-slash", 2, kBadExportId}, Case{"export-id-dotdot", 2, kBadExportId},
        Case{"export-id-nul", 2, kBadExportId},
        Case{"status-backwards", 3, "export.status answered Queued after Processing: a status that goes backwards is refused"},
        // Longer than fileSize: cut off at fileSize, the job failed after 3 tries, a new job staged.
        Case{"file-size-smaller", 1, "export.file sent more than the"},
        // Shorter: refused at once instead of asking for bytes past the end for ever.
        Case{"file-size-larger", 1, "export.file announced a file of"},
        Case{"body-longer", 2, "past the end its header announced [GET /bulk/v1/leads/export/"},
        Case{"header-flood", 2, "the answer's header is too large [GET /bulk/v1/leads/export/"}),
    [](const auto& info) {
      std::string name = info.param.kind;
      std::erase(name, '-');
      return name;
    });

TEST(HostileAnswers, AFileSizeThatAlwaysLiesFailsTheSyncCleanly) {
  const auto run = ShortRun::misbehaving("file-size-larger:0");
  const auto result = run.run_once();
  EXPECT_EQ(result.exit_code, EX_DATAERR) << result.err;
  EXPECT_THAT(result.err, HasSubstr("sync leads_created stopped: the downloaded file never matched"));
  EXPECT_THAT(export_test::staged_files(run.dir() / "staging", ShortRun::kSync), IsEmpty());
  // Each job is downloaded max_download_attempts (3) times and then failed: no loop.
  std::size_t downloads = 0, jobs = 0;
  std::ifstream log(run.dir() / "requests.jsonl");
  for (std::string line; std::getline(log, line);) {
    downloads += line.find("/file.json") != std::string::npos;
    jobs += line.find("/create.json") != std::string::npos;
  }
  EXPECT_GT(jobs, 0u);
  EXPECT_EQ(downloads, 3 * jobs);
  EXPECT_THAT(run.strays(), IsEmpty());
}

TEST(HostileAnswers, ABatchIdThatNamesAPathIsRefusedAndTheFileImportedOnce) {
  import_test::ImportRun run({"--misbehave", "batch-id-slash:1"});
  run.drop("members.csv", import_test::member_file("hostile", 20));
  const auto result = run.run_once();
  EXPECT_EQ(result.exit_code, 0) << result.err;
  EXPECT_THAT(result.err, HasSubstr("result[0].batchId is not an integer"));
  EXPECT_EQ(import_test::ImportRun::entries(run.done_root()), std::vector<std::string>{"members.csv"});
  std::vector<std::string> emails;
  for (std::size_t row = 0; row < 20; ++row) emails.push_back(import_test::member_email("hostile", row));
  // The refused answer's batch may have been taken: the part is uploaded again (an upsert).
  EXPECT_EQ(run.uploads(), 2u);
  import_test::expect_members(run.members(), emails, "On List", 2);
  for (const auto& entry : walk_tree(run.dir()))
    EXPECT_EQ(entry.relative.string().find("msync-escape"), std::string::npos) << entry.relative;
  EXPECT_THAT(escapes_beside(run.dir()), IsEmpty());
}

}  // namespace
}  // namespace msync::reliability
