#include <gtest/gtest.h>

#include <csignal>
#include <string>

#include <sys/resource.h>

#include "staging/staging.hpp"
#include "temp_dir.hpp"

namespace msync::staging {
namespace {

using testing::read_file;
using testing::TempDir;

const std::string_view kSample =
    "id,email,note\n"
    "1,a@example.com,null\n"
    "2,b@example.com,\"has, comma\"\n"
    "3,null,\"multi\nline \"\"quoted\"\"\r\nnote\"\n"
    "4,d@example.com,x\n";

std::span<const char> bytes(std::string_view s) { return {s.data(), s.size()}; }

std::unique_ptr<PartFile> open_or_die(const std::filesystem::path& path) {
  auto part = PartFile::open(path);
  EXPECT_TRUE(part.ok()) << part.error().message;
  return part.ok() ? std::move(*part) : nullptr;
}

std::string one_shot_sha256(const std::filesystem::path& path, std::string_view content) {
  auto part = open_or_die(path);
  EXPECT_TRUE(part->write(bytes(content)).ok());
  return part->sha256();
}

TEST(PartFile, FreshWriteHashesAndCounts) {
  TempDir dir;
  auto part = open_or_die(dir.path() / "x.part");
  ASSERT_TRUE(part);
  EXPECT_EQ(part->raw_bytes(), 0u);
  EXPECT_EQ(part->sha256(),
            "sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  ASSERT_TRUE(part->write(bytes("a")).ok());
  ASSERT_TRUE(part->write(bytes("bc")).ok());
  // FIPS 180-2 test vector for "abc".
  EXPECT_EQ(part->sha256(),
            "sha256:ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  EXPECT_EQ(read_file(dir.path() / "x.part"), "abc");
  EXPECT_EQ(part->raw_bytes(), 3u);
}

TEST(PartFile, CountsDataRecordsOfTheSample) {
  TempDir dir;
  auto part = open_or_die(dir.path() / "x.part");
  ASSERT_TRUE(part->write(bytes(kSample)).ok());
  EXPECT_EQ(part->records(), 4u);
  EXPECT_TRUE(part->at_record_boundary());
  EXPECT_EQ(part->raw_bytes(), kSample.size());
  EXPECT_TRUE(part->sync().ok());
}

TEST(PartFile, ResumeAtEverySplitEqualsOneShot) {
  TempDir dir;
  const std::string expected = one_shot_sha256(dir.path() / "whole.part", kSample);
  for (std::size_t split = 0; split <= kSample.size(); ++split) {
    const auto path = dir.path() / ("split" + std::to_string(split) + ".part");
    {
      auto first = open_or_die(path);
      ASSERT_TRUE(first->write(bytes(kSample.substr(0, split))).ok());
    }  // the process "dies" here; only the bytes on disk remain
    auto resumed = open_or_die(path);
    ASSERT_EQ(resumed->raw_bytes(), split);  // the Range offset
    ASSERT_TRUE(resumed->write(bytes(kSample.substr(split))).ok());
    EXPECT_EQ(resumed->sha256(), expected) << "split " << split;
    EXPECT_EQ(resumed->records(), 4u) << "split " << split;
    EXPECT_EQ(read_file(path), kSample);
  }
}

TEST(PartFile, ResumeOfALargeFileRehashesInChunks) {
  TempDir dir;
  std::string content = "id,note\n";
  while (content.size() < (3u << 20)) content += "12345,\"quoted\nvalue\"\n";
  const std::string expected = one_shot_sha256(dir.path() / "whole.part", content);
  {
    auto first = open_or_die(dir.path() / "big.part");
    ASSERT_TRUE(first->write(bytes(std::string_view(content).substr(0, content.size() - 7))).ok());
  }
  auto resumed = open_or_die(dir.path() / "big.part");
  ASSERT_TRUE(resumed->write(bytes(std::string_view(content).substr(content.size() - 7))).ok());
  EXPECT_EQ(resumed->sha256(), expected);
  EXPECT_EQ(resumed->records(), (content.size() - 8) / 21);
}

// Past the first 4 MiB the hash runs on its own thread: the digest must still be the file's, after
// a restart part way and after a reopen that re-hashes what is on disk.
TEST(PartFile, ALargeDownloadHashedBesideItsWritesIsTheFilesDigest) {
  TempDir dir;
  std::string content = "id,note\n";
  while (content.size() < (11u << 20)) content += "12345,\"quoted\nvalue\"\n";
  const std::string_view whole(content);
  Sha256 plain;
  plain.update(whole);
  const std::string expected = "sha256:" + plain.hex();
  constexpr std::size_t kChunk = 512 * 1024;
  {
    auto part = open_or_die(dir.path() / "big.part");
    ASSERT_TRUE(part->write(bytes(whole.substr(0, 6u << 20))).ok());
    ASSERT_TRUE(part->restart().ok());
    for (std::size_t at = 0; at < 8u << 20; at += kChunk) ASSERT_TRUE(part->write(bytes(whole.substr(at, kChunk))).ok());
    Sha256 prefix;
    prefix.update(whole.substr(0, 8u << 20));
    EXPECT_EQ(part->sha256(), "sha256:" + prefix.hex());
  }
  auto resumed = open_or_die(dir.path() / "big.part");
  ASSERT_TRUE(resumed->write(bytes(whole.substr(8u << 20))).ok());
  EXPECT_EQ(resumed->sha256(), expected);
  EXPECT_EQ(resumed->records(), (content.size() - 8) / 21);
  EXPECT_EQ(read_file(dir.path() / "big.part"), content);
}

TEST(PartFile, RestartTruncatesAndStartsOver) {
  TempDir dir;
  auto part = open_or_die(dir.path() / "x.part");
  ASSERT_TRUE(part->write(bytes("garbage\"\n")).ok());
  ASSERT_TRUE(part->restart().ok());
  EXPECT_EQ(part->raw_bytes(), 0u);
  EXPECT_EQ(part->records(), 0u);
  ASSERT_TRUE(part->write(bytes(kSample)).ok());
  EXPECT_EQ(read_file(dir.path() / "x.part"), kSample);
  EXPECT_EQ(part->sha256(), one_shot_sha256(dir.path() / "y.part", kSample));
  EXPECT_EQ(part->records(), 4u);
}

TEST(PartFile, VerifyAcceptsMatchesInAnyHexCase) {
  TempDir dir;
  auto part = open_or_die(dir.path() / "x.part");
  ASSERT_TRUE(part->write(bytes(kSample)).ok());
  std::string upper = part->sha256();
  for (std::size_t i = 7; i < upper.size(); ++i) upper[i] = static_cast<char>(std::toupper(upper[i]));
  EXPECT_TRUE(part->verify({kSample.size(), upper, 4}).ok());
  EXPECT_TRUE(part->verify({}).ok());
}

TEST(PartFile, VerifyNamesEveryMismatch) {
  TempDir dir;
  auto part = open_or_die(dir.path() / "x.part");
  ASSERT_TRUE(part->write(bytes(kSample)).ok());
  const auto size = kSample.size();
  auto status = part->verify({size + 1, part->sha256(), 4});
  ASSERT_FALSE(status.ok());
  EXPECT_NE(status.error().message.find(std::to_string(size) + " bytes, Marketo announced " +
                                        std::to_string(size + 1)),
            std::string::npos)
      << status.error().message;
  EXPECT_NE(status.error().message.find("x.part"), std::string::npos);

  status = part->verify({size, "sha256:0000", 4});
  ASSERT_FALSE(status.ok());
  EXPECT_NE(status.error().message.find("checksum is " + part->sha256() +
                                        ", Marketo announced sha256:0000"),
            std::string::npos)
      << status.error().message;

  status = part->verify({size + 2, "md5:1234", 5});
  ASSERT_FALSE(status.ok());
  EXPECT_NE(status.error().message.find("bytes"), std::string::npos);
  EXPECT_NE(status.error().message.find("md5:1234"), std::string::npos);
  EXPECT_NE(status.error().message.find("holds 4 records, Marketo announced 5"), std::string::npos)
      << status.error().message;
}

TEST(PartFile, RefusesAPathUnderARegularFile) {
  TempDir dir;
  testing::write_file(dir.path() / "plain", "x");
  auto part = PartFile::open(dir.path() / "plain" / "x.part");
  ASSERT_FALSE(part.ok());
  EXPECT_NE(part.error().message.find((dir.path() / "plain" / "x.part").string()),
            std::string::npos);
  EXPECT_NE(part.error().message.find("Not a directory"), std::string::npos)
      << part.error().message;
}

TEST(PartFile, RefusesADirectory) {
  TempDir dir;
  auto part = PartFile::open(dir.path());
  EXPECT_FALSE(part.ok());
}

// A write the file system refuses part way (here: the file-size limit, EFBIG) reports the path
// and the OS reason, and what did reach the disk is what the hash and the resume offset cover.
TEST(PartFile, FailedWriteKeepsHashAndOffsetTrue) {
  TempDir dir;
  auto part = open_or_die(dir.path() / "x.part");
  ASSERT_TRUE(part->write(bytes(kSample.substr(0, 10))).ok());

  std::signal(SIGXFSZ, SIG_IGN);
  rlimit saved{};
  ASSERT_EQ(::getrlimit(RLIMIT_FSIZE, &saved), 0);
  rlimit limited = saved;
  limited.rlim_cur = 30;
  ASSERT_EQ(::setrlimit(RLIMIT_FSIZE, &limited), 0);
  const core::Status status = part->write(bytes(kSample.substr(10)));
  ASSERT_EQ(::setrlimit(RLIMIT_FSIZE, &saved), 0);
  std::signal(SIGXFSZ, SIG_DFL);

  ASSERT_FALSE(status.ok());
  EXPECT_NE(status.error().message.find("x.part"), std::string::npos) << status.error().message;
  EXPECT_NE(status.error().message.find("File too large"), std::string::npos)
      << status.error().message;
  EXPECT_EQ(part->raw_bytes(), 30u);
  EXPECT_EQ(read_file(dir.path() / "x.part"), kSample.substr(0, 30));
  EXPECT_EQ(part->sha256(), one_shot_sha256(dir.path() / "y.part", kSample.substr(0, 30)));
  // And the download resumes from there.
  ASSERT_TRUE(part->write(bytes(kSample.substr(30))).ok());
  EXPECT_EQ(part->records(), 4u);
}

}  // namespace
}  // namespace msync::staging
