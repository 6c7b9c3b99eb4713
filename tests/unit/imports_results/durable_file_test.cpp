#include <gtest/gtest.h>

#include <sys/stat.h>
#include <unistd.h>

#include "files.hpp"
#include "staging/staging.hpp"
#include "support/temp_dir.hpp"

namespace msync::staging {
namespace {

namespace fs = std::filesystem;
using imports::testing::list_dir;
using imports::testing::read_file;
using imports::testing::write_file;

TEST(DurableFileTest, MakeDirectoryCreatesParentsAndAcceptsAnExistingOne) {
  test_support::TempDir tmp;
  const fs::path dir = tmp / "a" / "b" / "c";
  ASSERT_TRUE(make_directory_durably(dir).ok());
  EXPECT_TRUE(fs::is_directory(dir));
  struct stat st {};
  ASSERT_EQ(::stat(dir.c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0750u);
  EXPECT_TRUE(make_directory_durably(dir).ok());
}

TEST(DurableFileTest, MakeDirectoryFailsOnAFileNamingIt) {
  test_support::TempDir tmp;
  write_file(tmp / "file", "x");
  const auto made = make_directory_durably(tmp / "file");
  ASSERT_FALSE(made.ok());
  EXPECT_NE(made.error().message.find((tmp / "file").string()), std::string::npos);
}

TEST(DurableFileTest, ReplaceFileWritesAndReplacesLeavingNoTemporary) {
  test_support::TempDir tmp;
  const fs::path file = tmp / "status.json";
  ASSERT_TRUE(replace_file_durably(file, "first").ok());
  EXPECT_EQ(read_file(file), "first");
  ASSERT_TRUE(replace_file_durably(file, "second, longer").ok());
  EXPECT_EQ(read_file(file), "second, longer");
  EXPECT_EQ(list_dir(tmp.path()), std::vector<std::string>{"status.json"});
}

TEST(DurableFileTest, ReplaceFileFailsInAMissingDirectory) {
  test_support::TempDir tmp;
  const auto replaced = replace_file_durably(tmp / "missing" / "f", "x");
  ASSERT_FALSE(replaced.ok());
  EXPECT_NE(replaced.error().message.find((tmp / "missing").string()), std::string::npos);
}

TEST(DurableFileTest, MoveRenamesAFileAndADirectory) {
  test_support::TempDir tmp;
  write_file(tmp / "a" / "f.csv", "data");
  fs::create_directory(tmp / "b");
  ASSERT_TRUE(move_durably(tmp / "a" / "f.csv", tmp / "b" / "g.csv").ok());
  EXPECT_FALSE(fs::exists(tmp / "a" / "f.csv"));
  EXPECT_EQ(read_file(tmp / "b" / "g.csv"), "data");
  ASSERT_TRUE(move_durably(tmp / "b", tmp / "c").ok());
  EXPECT_EQ(read_file(tmp / "c" / "g.csv"), "data");
}

TEST(DurableFileTest, MoveNeverReplacesAFile) {
  test_support::TempDir tmp;
  write_file(tmp / "from", "new");
  write_file(tmp / "to", "old");
  const auto moved = move_durably(tmp / "from", tmp / "to");
  ASSERT_FALSE(moved.ok());
  EXPECT_NE(moved.error().message.find((tmp / "to").string()), std::string::npos);
  EXPECT_NE(moved.error().message.find("exists"), std::string::npos) << moved.error().message;
  EXPECT_EQ(read_file(tmp / "from"), "new");
  EXPECT_EQ(read_file(tmp / "to"), "old");
}

TEST(DurableFileTest, MoveNeverReplacesADirectoryEvenAnEmptyOne) {
  test_support::TempDir tmp;
  write_file(tmp / "from" / "f", "x");
  fs::create_directory(tmp / "to");
  ASSERT_FALSE(move_durably(tmp / "from", tmp / "to").ok());
  EXPECT_EQ(read_file(tmp / "from" / "f"), "x");
  EXPECT_TRUE(fs::is_empty(tmp / "to"));
}

TEST(DurableFileTest, MoveOntoItselfFailsAndKeepsTheFile) {
  test_support::TempDir tmp;
  write_file(tmp / "f", "x");
  ASSERT_FALSE(move_durably(tmp / "f", tmp / "f").ok());
  EXPECT_EQ(read_file(tmp / "f"), "x");
}

// The link+unlink fallback stopped between its two steps: both names hold the file.
TEST(DurableFileTest, MoveFinishesAMoveInterruptedAfterItsLink) {
  test_support::TempDir tmp;
  write_file(tmp / "from", "data");
  ASSERT_EQ(::link((tmp / "from").c_str(), (tmp / "to").c_str()), 0);
  ASSERT_TRUE(move_durably(tmp / "from", tmp / "to").ok());
  EXPECT_FALSE(fs::exists(tmp / "from"));
  EXPECT_EQ(read_file(tmp / "to"), "data");
}

TEST(DurableFileTest, MoveOfAMissingFileFailsNamingIt) {
  test_support::TempDir tmp;
  const auto moved = move_durably(tmp / "nothing", tmp / "to");
  ASSERT_FALSE(moved.ok());
  EXPECT_NE(moved.error().message.find((tmp / "nothing").string()), std::string::npos);
}

}  // namespace
}  // namespace msync::staging
