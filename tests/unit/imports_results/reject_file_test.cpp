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

constexpr std::string_view kReason = "line 3: row has 5 columns, the header 6";
constexpr std::string_view kReasonFile =
    "line 3: row has 5 columns, the header 6\n"
    "import: webinar_attendees\n"
    "format: csv\n"
    "rejected at: 2024-05-01T10:00:00Z\n";

class RejectFileTest : public ::testing::Test {
 protected:
  void SetUp() override { write_file(source(), "email,email\n"); }

  fs::path source() const { return paths_.work_dir(7) / "members.csv"; }
  fs::path rejected(const std::string& name) const { return paths_.rejected_root / name; }

  fs::path reject(const fs::path& file) {
    auto moved = reject_file(paths_, file, "webinar_attendees", "csv", std::string(kReason),
                             testing::at("2024-05-01T10:00:00Z"));
    EXPECT_TRUE(moved.ok()) << moved.error().message;
    return moved.ok() ? *moved : fs::path();
  }

  test_support::TempDir tmp_;
  ImportPaths paths_{"webinar_attendees", tmp_ / "inbound" / "webinar_attendees"};
};

TEST_F(RejectFileTest, MovesTheFileWithItsReasonBesideIt) {
  EXPECT_EQ(reject(source()), tmp_ / "inbound" / "webinar_attendees.rejected" / "members.csv");
  EXPECT_EQ(read_file(rejected("members.csv")), "email,email\n");
  EXPECT_EQ(read_file(rejected("members.csv.reason")), kReasonFile);
  EXPECT_EQ(list_dir(paths_.rejected_root),
            (std::vector<std::string>{"members.csv", "members.csv.reason"}));
  EXPECT_TRUE(list_dir(source().parent_path()).empty());  // no marker left behind
}

TEST_F(RejectFileTest, AFileInTheInboundDirectoryLeavesNothingThere) {
  write_file(paths_.inbound / "direct.csv", "junk");
  EXPECT_EQ(reject(paths_.inbound / "direct.csv"), rejected("direct.csv"));
  EXPECT_TRUE(list_dir(paths_.inbound).empty());
}

TEST_F(RejectFileTest, ATakenNameGetsACounter) {
  write_file(rejected("members.csv"), "an earlier one");
  write_file(rejected("members.csv.1.reason"), "a reason whose file was cleared away");
  EXPECT_EQ(reject(source()), rejected("members.csv.2"));
  EXPECT_EQ(read_file(rejected("members.csv.2.reason")), kReasonFile);
  EXPECT_EQ(read_file(rejected("members.csv")), "an earlier one");
  EXPECT_EQ(read_file(rejected("members.csv.1.reason")), "a reason whose file was cleared away");
}

TEST_F(RejectFileTest, TheReasonIsOneLine) {
  auto moved = reject_file(paths_, source(), "webinar_attendees", "tsv", "bad\nthing",
                           testing::at("2024-05-01T10:00:00Z"));
  ASSERT_TRUE(moved.ok()) << moved.error().message;
  EXPECT_EQ(read_file(moved->string() + ".reason"),
            "bad thing\nimport: webinar_attendees\nformat: tsv\n"
            "rejected at: 2024-05-01T10:00:00Z\n");
}

TEST_F(RejectFileTest, CalledAgainAfterItFinishedItReturnsTheSamePath) {
  write_file(rejected("members.csv"), "an earlier one");
  write_file(rejected("members.csv.reason"), "its reason");
  const fs::path first = reject(source());
  EXPECT_EQ(first, rejected("members.csv.1"));
  EXPECT_EQ(reject(source()), first);
  EXPECT_EQ(list_dir(paths_.rejected_root).size(), 4u);
}

TEST_F(RejectFileTest, CrashAfterTheMarkerBeforeTheMoveUsesTheMarkersName) {
  write_file(detail::reject_marker(source()), "members.csv.5\n");
  EXPECT_EQ(reject(source()), rejected("members.csv.5"));
  EXPECT_EQ(read_file(rejected("members.csv.5.reason")), kReasonFile);
  EXPECT_FALSE(fs::exists(detail::reject_marker(source())));
}

TEST_F(RejectFileTest, CrashAfterTheMarkerWhoseNameWasTakenSinceChoosesAnother) {
  write_file(detail::reject_marker(source()), "members.csv\n");
  write_file(rejected("members.csv"), "someone else's");
  EXPECT_EQ(reject(source()), rejected("members.csv.1"));
  EXPECT_EQ(read_file(rejected("members.csv")), "someone else's");
}

TEST_F(RejectFileTest, CrashAfterTheMoveBeforeTheReasonWritesTheReason) {
  write_file(detail::reject_marker(source()), "members.csv\n");
  fs::create_directories(paths_.rejected_root);
  fs::rename(source(), rejected("members.csv"));
  EXPECT_EQ(reject(source()), rejected("members.csv"));
  EXPECT_EQ(read_file(rejected("members.csv.reason")), kReasonFile);
  EXPECT_FALSE(fs::exists(detail::reject_marker(source())));
}

TEST_F(RejectFileTest, CrashAfterTheReasonBeforeTheMarkerWentKeepsTheFirstReason) {
  write_file(detail::reject_marker(source()), "members.csv\n");
  fs::create_directories(paths_.rejected_root);
  fs::rename(source(), rejected("members.csv"));
  write_file(rejected("members.csv.reason"), "written by the first call\n");
  EXPECT_EQ(reject(source()), rejected("members.csv"));
  EXPECT_EQ(read_file(rejected("members.csv.reason")), "written by the first call\n");
  EXPECT_FALSE(fs::exists(detail::reject_marker(source())));
}

TEST_F(RejectFileTest, AGoneSourceNeverRejectedIsAnError) {
  fs::remove(source());
  auto moved = reject_file(paths_, source(), "webinar_attendees", "csv", "x",
                           testing::at("2024-05-01T10:00:00Z"));
  ASSERT_FALSE(moved.ok());
  EXPECT_NE(moved.error().message.find(source().string()), std::string::npos);
}

}  // namespace
}  // namespace msync::imports
