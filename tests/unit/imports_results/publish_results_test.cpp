#include <gtest/gtest.h>

#include "files.hpp"
#include "imports/result_layout.hpp"
#include "result_fixture.hpp"
#include "support/temp_dir.hpp"

namespace msync::imports {
namespace {

namespace fs = std::filesystem;
using testing::list_dir;
using testing::read_file;
using testing::write_file;

constexpr std::string_view kSource =
    "firstName,lastName,email,title,company,leadScore\n"
    "Aerys,Targaryen,Aerys@Targaryen.com,Targaryen,House Targaryen,TEXT_VALUE_IN_INTEGER_FIELD\n";
constexpr std::string_view kFailureHeader =
    "firstName,lastName,email,title,company,leadScore,Import Failure Reason\n";
constexpr std::string_view kWarningHeader =
    "firstName,lastName,email,title,company,leadScore,Import Warning Reason\n";
constexpr std::string_view kWarningRow =
    "Aerys,Targaryen,INVALID_EMAIL,Targaryen,House Targaryen,0,Invalid email address\n";

class PublishResultsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    write_file(source(), kSource);
    // Part 0: one failed row whose quoted field holds a newline; part 1: none; part 2: two rows
    // and no final newline.
    write_file(work() / "failures-0.csv",
               std::string(kFailureHeader) +
                   "Aerys,Targaryen,Aerys@Targaryen.com,\"Mad\nKing\",House Targaryen,X,"
                   "Invalid data type in field Lead Score\n");
    write_file(work() / "failures-2.csv",
               std::string(kFailureHeader) +
                   "Jon,Snow,Jon@Snow.com,Lord,House Stark,Y,Invalid data type in field Lead "
                   "Score\nArya,Stark,Arya@Stark.com,,House Stark,Z,Invalid data type in field "
                   "Lead Score");
    write_file(work() / "warnings-0.csv", kWarningHeader);  // a header alone: no warnings
    result_.parts.push_back(testing::part(2, 1050, "Complete", 0, 2, 0, "2 failed"));
    result_.parts[0].failures_file = work() / "failures-0.csv";
    result_.parts[0].warnings_file = work() / "warnings-0.csv";
    result_.parts[2].failures_file = work() / "failures-2.csv";
  }

  fs::path work() const { return paths_.work_dir(42); }
  fs::path source() const { return work() / "attendees.csv"; }
  fs::path staged() const { return detail::result_dir(paths_, 42); }
  fs::path marker() const { return detail::publish_marker(paths_, 42); }

  fs::path publish() {
    auto published = publish_results(paths_, result_, source());
    EXPECT_TRUE(published.ok()) << published.error().message;
    return published.ok() ? *published : fs::path();
  }

  // What a finished result folder holds.
  void expect_complete(const fs::path& folder) {
    EXPECT_EQ(list_dir(folder),
              (std::vector<std::string>{"attendees.csv", "failures.csv", "status.json"}));
    EXPECT_EQ(read_file(folder / "status.json"), status_json(result_));
    EXPECT_EQ(read_file(folder / "attendees.csv"), kSource);
    EXPECT_EQ(read_file(folder / "failures.csv"), kExpectedFailures);
    EXPECT_FALSE(fs::exists(source()));
    EXPECT_FALSE(fs::exists(staged()));
  }

  const std::string kExpectedFailures =
      std::string(kFailureHeader) +
      "Aerys,Targaryen,Aerys@Targaryen.com,\"Mad\nKing\",House Targaryen,X,Invalid data type in "
      "field Lead Score\n"
      "Jon,Snow,Jon@Snow.com,Lord,House Stark,Y,Invalid data type in field Lead Score\n"
      "Arya,Stark,Arya@Stark.com,,House Stark,Z,Invalid data type in field Lead Score\n";

  test_support::TempDir tmp_;
  ImportPaths paths_{"webinar_attendees", tmp_ / "inbound" / "webinar_attendees"};
  ImportResult result_ = testing::seed_result();
};

TEST_F(PublishResultsTest, WritesTheResultFolderBesideTheInboundDirectory) {
  const fs::path folder = publish();
  EXPECT_EQ(folder, tmp_ / "inbound" / "webinar_attendees.done" / "attendees.csv");
  expect_complete(folder);
}

TEST_F(PublishResultsTest, MergesFailuresUnderOneHeaderRowInPartOrder) {
  EXPECT_EQ(read_file(publish() / "failures.csv"), kExpectedFailures);
}

TEST_F(PublishResultsTest, WritesWarningsOnlyWhenThereAreWarningRows) {
  const fs::path first = publish();
  EXPECT_FALSE(fs::exists(first / "warnings.csv"));

  result_.file_id = 43;
  write_file(paths_.work_dir(43) / "attendees.csv", kSource);
  write_file(paths_.work_dir(43) / "warnings.csv",
             std::string(kWarningHeader) + std::string(kWarningRow));
  for (auto& p : result_.parts) p.failures_file.clear();
  result_.parts[1].warnings_file = paths_.work_dir(43) / "warnings.csv";
  auto second = publish_results(paths_, result_, paths_.work_dir(43) / "attendees.csv");
  ASSERT_TRUE(second.ok()) << second.error().message;
  EXPECT_EQ(list_dir(*second),
            (std::vector<std::string>{"attendees.csv", "status.json", "warnings.csv"}));
  EXPECT_EQ(read_file(*second / "warnings.csv"),
            std::string(kWarningHeader) + std::string(kWarningRow));
}

TEST_F(PublishResultsTest, ATakenNameGetsTheFileIdAppended) {
  fs::create_directories(paths_.done_root / "attendees.csv");
  write_file(paths_.done_root / "attendees.csv" / "status.json", "an earlier import");
  const fs::path folder = publish();
  EXPECT_EQ(folder, paths_.done_root / "attendees.csv.42");
  expect_complete(folder);
  EXPECT_EQ(read_file(paths_.done_root / "attendees.csv" / "status.json"), "an earlier import");
}

TEST_F(PublishResultsTest, WhenTheFileIdNameIsTakenTooACounterFollows) {
  fs::create_directories(paths_.done_root / "attendees.csv");
  fs::create_directories(paths_.done_root / "attendees.csv.42");
  EXPECT_EQ(publish(), paths_.done_root / "attendees.csv.42.2");
}

TEST_F(PublishResultsTest, ASourceNamedLikeAResultFileKeepsItsNameWithAPrefix) {
  result_.source_name = "status.json";
  write_file(work() / "status.json", "email\n");
  auto folder = publish_results(paths_, result_, work() / "status.json");
  ASSERT_TRUE(folder.ok()) << folder.error().message;
  EXPECT_EQ(read_file(*folder / "source-status.json"), "email\n");
  EXPECT_EQ(read_file(*folder / "status.json"), status_json(result_));
}

TEST_F(PublishResultsTest, CalledAgainAfterItFinishedItReturnsTheSameFolder) {
  const fs::path first = publish();
  const fs::path second = publish();
  EXPECT_EQ(first, second);
  EXPECT_EQ(list_dir(paths_.done_root), std::vector<std::string>{"attendees.csv"});
  expect_complete(second);
}

TEST_F(PublishResultsTest, AMissingSourceWithNothingDoneIsAnErrorNamingIt) {
  fs::remove(source());
  auto published = publish_results(paths_, result_, source());
  ASSERT_FALSE(published.ok());
  EXPECT_NE(published.error().message.find(source().string()), std::string::npos);
  EXPECT_TRUE(list_dir(paths_.done_root).empty());
}

// --- a crash between any two steps, rebuilt by hand ---------------------------------------------

TEST_F(PublishResultsTest, CrashWhileWritingTheResultFolder) {
  write_file(staged() / "status.json", "{\"trunc");
  write_file(staged() / ".failures.csv.tmp", "half a merge");
  write_file(staged() / ".status.json.tmp", "half a status");
  const fs::path folder = publish();
  EXPECT_EQ(folder, paths_.done_root / "attendees.csv");
  EXPECT_EQ(read_file(folder / "status.json"), status_json(result_));
  EXPECT_EQ(read_file(folder / "failures.csv"), kExpectedFailures);
  EXPECT_FALSE(fs::exists(folder / ".failures.csv.tmp"));
}

TEST_F(PublishResultsTest, CrashAfterTheMergedFileWasRenamedIntoPlace) {
  write_file(staged() / "failures.csv", kExpectedFailures);
  fs::remove(result_.parts[0].failures_file);  // not read again: it would fail if it were
  expect_complete(publish());
}

TEST_F(PublishResultsTest, CrashAfterTheSourceMovedIntoTheResultFolder) {
  write_file(staged() / "status.json", status_json(result_));
  write_file(staged() / "failures.csv", kExpectedFailures);
  fs::rename(source(), staged() / "attendees.csv");
  expect_complete(publish());
}

TEST_F(PublishResultsTest, CrashAfterTheMarkerBeforeTheRenameUsesTheMarkersName) {
  write_file(staged() / "status.json", status_json(result_));
  write_file(staged() / "failures.csv", kExpectedFailures);
  fs::rename(source(), staged() / "attendees.csv");
  write_file(marker(), "attendees.csv.42\n");  // as if the plain name had been taken then
  const fs::path folder = publish();
  EXPECT_EQ(folder, paths_.done_root / "attendees.csv.42");
  expect_complete(folder);
  EXPECT_EQ(list_dir(paths_.done_root), std::vector<std::string>{"attendees.csv.42"});
}

TEST_F(PublishResultsTest, CrashAfterTheMarkerWhoseNameWasTakenSinceChoosesAnother) {
  write_file(staged() / "status.json", status_json(result_));
  fs::rename(source(), staged() / "attendees.csv");
  write_file(marker(), "attendees.csv\n");
  write_file(paths_.done_root / "attendees.csv" / "status.json", "someone else's");
  const fs::path folder = publish();
  EXPECT_EQ(folder, paths_.done_root / "attendees.csv.42");
  expect_complete(folder);
  EXPECT_EQ(read_file(paths_.done_root / "attendees.csv" / "status.json"), "someone else's");
  EXPECT_EQ(read_file(marker()), "attendees.csv.42\n");
}

TEST_F(PublishResultsTest, CrashAfterTheRenameReturnsTheFolderTheMarkerNames) {
  const fs::path folder = publish();
  ASSERT_EQ(read_file(marker()), "attendees.csv\n");
  // Another folder of the same name would not fool it: the marker says which one is ours.
  for (auto& p : result_.parts) fs::remove(p.failures_file);
  EXPECT_EQ(publish(), folder);
  expect_complete(folder);
}

TEST_F(PublishResultsTest, AMarkerNamingAFolderThatIsGoneIsAnError) {
  write_file(marker(), "attendees.csv\n");
  fs::remove(source());
  auto published = publish_results(paths_, result_, source());
  ASSERT_FALSE(published.ok());
  EXPECT_NE(published.error().message.find("attendees.csv"), std::string::npos);
}

}  // namespace
}  // namespace msync::imports
