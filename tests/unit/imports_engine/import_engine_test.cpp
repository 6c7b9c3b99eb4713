#include <fstream>

#include <rapidjson/document.h>

#include "import_fixture.hpp"

namespace msync::imports::test {
namespace {

namespace fs = std::filesystem;
using marketo::Action;
using state::ImportState;

std::size_t files_in(const fs::path& dir) {
  std::error_code ec;
  std::size_t count = 0;
  for (auto it = fs::directory_iterator(dir, ec); !ec && it != fs::directory_iterator(); ++it) ++count;
  return count;
}

TEST_F(ImportEngineTest, AValidFileIsUploadedOnceAndItsResultsPublished) {
  const auto webinar = sync();
  const std::string content = attendees(8);
  drop(webinar, "attendees.csv", content);

  const auto summary = run_engine({webinar}, settings());

  EXPECT_FALSE(summary.fatal);
  EXPECT_EQ(summary.completed, 1u);
  ASSERT_EQ(api_.uploads, 1u);
  const auto& batch = api_.batches.begin()->second;
  EXPECT_EQ(batch.upload.content, content);
  EXPECT_EQ(batch.upload.program_id, 1001);
  EXPECT_EQ(batch.upload.program_member_status, "Attended");
  EXPECT_EQ(batch.upload.format, "CSV");

  const fs::path done = dir_ / "inbound" / "webinar.done" / "attendees.csv";
  EXPECT_EQ(read(done / "attendees.csv"), content);  // the source, moved beside its results
  rapidjson::Document status;
  status.Parse(read(done / "status.json").c_str());
  ASSERT_FALSE(status.HasParseError());
  EXPECT_STREQ(status["outcome"].GetString(), "complete");
  EXPECT_FALSE(fs::exists(done / "failures.csv"));  // written only when there are failures
  EXPECT_FALSE(fs::exists(done / "warnings.csv"));
  EXPECT_EQ(files_in(webinar.inbound_dir), 0u);
  auto unfinished = store_.unfinished_import_files();
  ASSERT_TRUE(unfinished);
  EXPECT_TRUE(unfinished->empty());
  const auto recorded = batches();
  ASSERT_EQ(recorded.size(), 1u);
  EXPECT_EQ(recorded[0].state, ImportState::complete);
  EXPECT_EQ(recorded[0].batch_id, batch.id);
}

TEST_F(ImportEngineTest, FailuresAndWarningsAreWrittenBack) {
  const auto webinar = sync();
  std::string content = attendees(3);
  content += "Aerys,Targaryen,Aerys@Targaryen.com,Targaryen,House Targaryen,FAIL\n";
  content += "Rhaegar,Targaryen,WARN,Targaryen,House Targaryen,0\n";
  drop(webinar, "targaryen.csv", content);

  const auto summary = run_engine({webinar}, settings());

  EXPECT_EQ(summary.completed, 1u);  // Marketo completed the batch; some rows failed
  const fs::path done = dir_ / "inbound" / "webinar.done" / "targaryen.csv";
  EXPECT_EQ(read(done / "failures.csv"),
            "firstName,lastName,email,title,company,leadScore,Import Failure Reason\n"
            "Aerys,Targaryen,Aerys@Targaryen.com,Targaryen,House Targaryen,FAIL,Invalid data type in field Lead Score\n");
  EXPECT_EQ(read(done / "warnings.csv"),
            "firstName,lastName,email,title,company,leadScore,Import Warning Reason\n"
            "Rhaegar,Targaryen,WARN,Targaryen,House Targaryen,0,Invalid email address\n");
  const auto recorded = batches();
  ASSERT_EQ(recorded.size(), 1u);
  EXPECT_EQ(recorded[0].rows_failed, 1);
  EXPECT_EQ(recorded[0].rows_with_warning, 1);
}

TEST_F(ImportEngineTest, AFileWithoutAnEmailColumnIsRejectedBeforeAnythingIsSent) {
  const auto webinar = sync();
  drop(webinar, "no-email.csv", "firstName,lastName\nJon,Snow\n");

  const auto summary = run_engine({webinar}, settings());

  EXPECT_EQ(summary.rejected, 1u);
  EXPECT_EQ(api_.uploads, 0u);
  const fs::path rejected = dir_ / "inbound" / "webinar.rejected";
  EXPECT_EQ(read(rejected / "no-email.csv"), "firstName,lastName\nJon,Snow\n");
  EXPECT_NE(read(rejected / "no-email.csv.reason").find("email"), std::string::npos);
  ASSERT_EQ(summary.problems.size(), 1u);
  EXPECT_NE(summary.problems[0].find("no-email.csv"), std::string::npos);
}

TEST_F(ImportEngineTest, AnUnknownFieldIsRejectedWithTheNameMarketoUses) {
  const auto webinar = sync();
  drop(webinar, "typo.csv", "emial,firstName\na@b.example,A\n");
  const auto summary = run_engine({webinar}, settings());
  EXPECT_EQ(summary.rejected, 1u);
  EXPECT_EQ(api_.uploads, 0u);
  EXPECT_NE(read(dir_ / "inbound" / "webinar.rejected" / "typo.csv.reason").find("emial"), std::string::npos);
}

TEST_F(ImportEngineTest, UpdateableProgramMemberFieldsAreKnownButReadOnlyOnesAreNot) {
  const auto webinar = sync();
  drop(webinar, "custom.csv", "email,webinarScore\na@b.example,5\n");
  drop(webinar, "readonly.csv", "email,statusName\na@b.example,Attended\n");
  const auto summary = run_engine({webinar}, settings());
  EXPECT_EQ(summary.completed, 1u);
  EXPECT_EQ(summary.rejected, 1u);
  EXPECT_TRUE(fs::exists(dir_ / "inbound" / "webinar.rejected" / "readonly.csv"));
}

constexpr std::size_t kTightPartBytes = 600;

ImportSettings with_tight_parts(ImportSettings settings) {
  settings.max_part_bytes = kTightPartBytes;
  return settings;
}

// Every batch sent is a part: under the limit, starting with the header. Their rows joined after
// one header must be the file: every record once, in order.
void expect_batches_make_up(const FakeImportApi& api, const std::string& content) {
  const std::string header = "firstName,lastName,email,title,company,leadScore\n";
  std::string rows;
  for (const auto& [id, batch] : api.batches) {
    EXPECT_LT(batch.upload.content.size(), kTightPartBytes);
    ASSERT_EQ(batch.upload.content.rfind(header, 0), 0u) << "batch " << id << " does not start with the header";
    rows += batch.upload.content.substr(batch.upload.content.find('\n') + 1);
  }
  EXPECT_EQ(header + rows, content);
}

TEST_F(ImportEngineTest, ALargeFileIsSplitIntoPartsReportedAsOne) {
  const auto webinar = sync();
  const std::string content = attendees(40);  // several parts under kTightPartBytes
  drop(webinar, "big.csv", content);
  const ImportSettings tight = with_tight_parts(settings());

  const auto summary = run_engine({webinar}, tight);

  EXPECT_EQ(summary.completed, 1u);
  ASSERT_GT(api_.uploads, 2u);
  expect_batches_make_up(api_, content);
  rapidjson::Document status;
  status.Parse(read(dir_ / "inbound" / "webinar.done" / "big.csv" / "status.json").c_str());
  ASSERT_FALSE(status.HasParseError());
  EXPECT_EQ(status["parts"].GetArray().Size(), api_.uploads);
}

TEST_F(ImportEngineTest, NeverMoreThanTheQueuesPlacesAndEveryFileOnce) {
  const auto webinar = sync();
  for (int i = 0; i < 25; ++i) drop(webinar, "file" + std::to_string(i) + ".csv", attendees(2, std::to_string(i)));
  const auto summary = run_engine({webinar}, settings());
  EXPECT_EQ(summary.completed, 25u);
  EXPECT_EQ(api_.uploads, 25u);
  EXPECT_LE(api_.most_outstanding, 10u);
  EXPECT_EQ(api_.refused, 0u);  // our own count kept us below Marketo's limit
  EXPECT_EQ(files_in(dir_ / "inbound" / "webinar.done"), 25u);
}

TEST_F(ImportEngineTest, AQueuedBatchBehindTwoOfOursIsNotPolled) {
  // Marketo imports two batches at a time, first in first out: a batch with two of ours ahead of
  // it cannot have started, so it is asked about only once one of them is done.
  const auto webinar = sync();
  for (int i = 0; i < 6; ++i) drop(webinar, "file" + std::to_string(i) + ".csv", attendees(2, std::to_string(i)));
  const auto summary = run_engine({webinar}, settings());
  EXPECT_EQ(summary.completed, 6u);
  EXPECT_EQ(api_.uploads, 6u);
  EXPECT_EQ(api_.polls_behind_two, 0u);
  EXPECT_EQ(api_.status_calls, 12u);  // Queued -> Importing -> Complete: two calls per batch, none wasted
}

TEST_F(ImportEngineTest, TooManyImportsMeansWaitNotFail) {
  const auto webinar = sync();
  api_.capacity = 3;  // other tools hold the rest of the queue
  for (int i = 0; i < 8; ++i) drop(webinar, "file" + std::to_string(i) + ".csv", attendees(2));
  const auto summary = run_engine({webinar}, settings());
  EXPECT_EQ(summary.completed, 8u);
  EXPECT_EQ(summary.failed, 0u);
  EXPECT_EQ(api_.uploads, 8u);
  EXPECT_GT(api_.refused, 0u);
  EXPECT_LE(api_.most_outstanding, 3u);
}

TEST_F(ImportEngineTest, AFailedBatchKeepsTheFileAndTheMessage) {
  const auto webinar = sync();
  drop(webinar, "broken.csv", attendees(2, "BATCHFAIL"));
  const auto summary = run_engine({webinar}, settings());
  EXPECT_EQ(summary.failed, 1u);
  const fs::path done = dir_ / "inbound" / "webinar.done" / "broken.csv";
  EXPECT_TRUE(fs::exists(done / "broken.csv"));
  rapidjson::Document status;
  status.Parse(read(done / "status.json").c_str());
  ASSERT_FALSE(status.HasParseError());
  EXPECT_STREQ(status["outcome"].GetString(), "failed");
  EXPECT_NE(read(done / "status.json").find("Import failed: bad file"), std::string::npos);
}

TEST_F(ImportEngineTest, ARefusedUploadFailsTheFileWithoutLooping) {
  const auto webinar = sync();
  api_.upload_failures.push_back(failure_of(Action::fail_job, "1003", "import.create: Invalid program member status"));
  drop(webinar, "a.csv", attendees(1));
  const auto summary = run_engine({webinar}, settings());
  EXPECT_EQ(summary.failed, 1u);
  EXPECT_EQ(api_.uploads, 0u);
  EXPECT_NE(read(dir_ / "inbound" / "webinar.done" / "a.csv" / "status.json").find("Invalid program member status"),
            std::string::npos);
}

TEST_F(ImportEngineTest, RejectedCredentialsStopTheRun) {
  const auto webinar = sync();
  api_.upload_failures.push_back(failure_of(Action::fail_config, "603", "Access denied"));
  drop(webinar, "a.csv", attendees(1));
  const auto summary = run_engine({webinar}, settings());
  ASSERT_TRUE(summary.fatal);
  EXPECT_NE(summary.fatal->find("Access denied"), std::string::npos);
  EXPECT_TRUE(fs::exists(dir_ / "inbound" / "webinar.work"));  // kept for the next run
}

TEST_F(ImportEngineTest, TransientFailuresAreRetried) {
  const auto webinar = sync();
  api_.upload_failures.push_back(failure_of(Action::backoff, "606", "rate limit"));
  api_.describe_failures.push_back(failure_of(Action::backoff, "", "describe: timeout", marketo::Reason::transport));
  drop(webinar, "a.csv", attendees(1));
  const auto summary = run_engine({webinar}, settings());
  EXPECT_EQ(summary.completed, 1u);
  EXPECT_EQ(api_.uploads, 1u);
}

TEST_F(ImportEngineTest, AnUploadWhoseAnswerIsLostIsSentAgainAndCounted) {
  const auto webinar = sync();
  api_.accept_then_lose = 1;
  drop(webinar, "a.csv", attendees(1));
  const auto summary = run_engine({webinar}, settings());
  EXPECT_EQ(summary.completed, 1u);
  EXPECT_EQ(api_.uploads, 2u);  // Marketo took the first; nothing can tell us so
}

TEST_F(ImportEngineTest, ARestartCarriesOnWithTheBatchItRecorded) {
  const auto webinar = sync();
  drop(webinar, "a.csv", attendees(3));
  // Stop as soon as the batch is recorded as queued: the next run must poll it, not upload again.
  run_engine({webinar}, settings(), [&] {
    const auto recorded = batches();
    return !recorded.empty() && recorded[0].state == ImportState::queued;
  });
  ASSERT_EQ(api_.uploads, 1u);
  auto unfinished = store_.unfinished_import_files();
  ASSERT_TRUE(unfinished);
  ASSERT_EQ(unfinished->size(), 1u);

  const auto summary = run_engine({webinar}, settings());

  EXPECT_EQ(summary.completed, 1u);
  EXPECT_EQ(api_.uploads, 1u);
  EXPECT_TRUE(fs::exists(dir_ / "inbound" / "webinar.done" / "a.csv" / "status.json"));
}

// Parts are not fsynced (split_part_writer.hpp): a power cut may leave them empty or gone. The
// source is durable, and a restart cuts the parts again before any is sent.
TEST_F(ImportEngineTest, PartsLostInACrashAreCutAgainFromTheSourceBeforeAnyIsSent) {
  const auto webinar = sync();
  const std::string content = attendees(40);  // several parts under kTightPartBytes
  drop(webinar, "big.csv", content);
  const ImportSettings tight = with_tight_parts(settings());
  run_engine({webinar}, tight, [&] {
    const auto recorded = batches();
    return !recorded.empty() && recorded[0].state == ImportState::queued;
  });
  const std::size_t sent_before = api_.uploads;
  ASSERT_GE(sent_before, 1u);
  std::size_t lost = 0;
  for (const auto& entry : fs::recursive_directory_iterator(dir_ / "inbound" / "webinar.work")) {
    if (!entry.is_regular_file() || entry.path().parent_path().filename() != "parts") continue;
    fs::resize_file(entry.path(), 0);  // what an unsynced file can look like after a power cut
    ++lost;
  }
  ASSERT_GT(lost, 2u) << "the file was not split";

  const auto summary = run_engine({webinar}, tight);

  EXPECT_EQ(summary.completed, 1u);
  EXPECT_EQ(api_.uploads, lost) << "a part recorded as sent went again, or one was never sent";
  expect_batches_make_up(api_, content);  // no batch cut from a lost part
}

TEST_F(ImportEngineTest, AnIntentWithoutABatchIdIsUploadedAgainAfterARestart) {
  const auto webinar = sync();
  // As a crash between the upload and the recording of its batchId leaves it.
  const std::string content = attendees(2);
  const auto work = dir_ / "inbound" / "webinar.work";
  auto file = store_.take_import_file("webinar", "a.csv", "");
  ASSERT_TRUE(file);
  drop(webinar, "a.csv", content);
  fs::create_directories(work / std::to_string(static_cast<std::int64_t>(file->id)));
  fs::rename(webinar.inbound_dir / "a.csv", work / std::to_string(static_cast<std::int64_t>(file->id)) / "a.csv");
  ASSERT_TRUE(store_.set_import_parts(file->id, 1));
  ASSERT_TRUE(store_.record_import_intent(file->id, 0, "a.csv"));

  const auto summary = run_engine({webinar}, settings());

  EXPECT_EQ(summary.completed, 1u);
  EXPECT_EQ(api_.uploads, 1u);
  const auto recorded = batches();
  ASSERT_EQ(recorded.size(), 2u);
  EXPECT_EQ(recorded[0].state, ImportState::cancelled);
  EXPECT_EQ(recorded[1].state, ImportState::complete);
}

TEST_F(ImportEngineTest, DotfilesAndPartFilesAreLeftAlone) {
  const auto webinar = sync();
  drop(webinar, ".hidden.csv", attendees(1));
  drop(webinar, "upload.csv.part", attendees(1));
  const auto summary = run_engine({webinar}, settings());
  EXPECT_EQ(api_.uploads, 0u);
  EXPECT_EQ(summary.rejected, 0u);
  EXPECT_EQ(files_in(webinar.inbound_dir), 2u);
}

TEST_F(ImportEngineTest, TheSameFileDroppedAgainLaterIsImportedAgain) {
  const auto webinar = sync();
  drop(webinar, "a.csv", attendees(1));
  run_engine({webinar}, settings());
  drop(webinar, "a.csv", attendees(1));
  const auto summary = run_engine({webinar}, settings());
  EXPECT_EQ(summary.completed, 1u);
  EXPECT_EQ(api_.uploads, 2u);
  EXPECT_TRUE(fs::exists(dir_ / "inbound" / "webinar.done" / "a.csv" / "status.json"));
  EXPECT_EQ(files_in(dir_ / "inbound" / "webinar.done"), 2u);  // the second under a new name
}

}  // namespace
}  // namespace msync::imports::test
