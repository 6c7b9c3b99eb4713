// split_import_file on small files and small limits: where the cuts fall, what a part holds, and
// the errors.
#include <gtest/gtest.h>

#include <filesystem>
#include <string>
#include <vector>

#include "test_files.hpp"

namespace msync::imports {
namespace {

using csv::Format;
using testing::read_file;
using testing::TempDir;
using testing::write_file;

std::vector<FilePart> split_or_die(const std::filesystem::path& file, Format format,
                                   std::uint64_t max, const std::filesystem::path& out) {
  auto parts = split_import_file(file, format, max, out);
  EXPECT_TRUE(parts.ok()) << parts.error().message;
  return parts.ok() ? std::move(*parts) : std::vector<FilePart>{};
}

std::vector<std::string> names_in(const std::filesystem::path& dir) {
  std::vector<std::string> names;
  for (const auto& entry : std::filesystem::directory_iterator(dir))
    names.push_back(entry.path().filename().string());
  std::sort(names.begin(), names.end());
  return names;
}

TEST(FileSplitter, SmallFileIsItsOwnOnlyPart) {
  TempDir dir;
  write_file(dir / "in.csv", testing::kLannister);
  const auto parts = split_or_die(dir / "in.csv", Format::csv, kMaxImportBytes, dir / "parts");
  ASSERT_EQ(parts.size(), 1u);
  EXPECT_EQ(parts[0].path, dir / "in.csv");
  EXPECT_EQ(parts[0].records, 8u);
  EXPECT_EQ(parts[0].bytes, testing::kLannister.size());
  EXPECT_FALSE(std::filesystem::exists(dir / "parts"));  // nothing copied
}

TEST(FileSplitter, OneByteUnderTheLimitIsStillOnePart) {
  TempDir dir;
  write_file(dir / "in.csv", testing::kLannister);
  const auto parts =
      split_or_die(dir / "in.csv", Format::csv, testing::kLannister.size() + 1, dir / "parts");
  ASSERT_EQ(parts.size(), 1u);
  EXPECT_EQ(parts[0].path, dir / "in.csv");
}

// "email\n" is 6 bytes and each record 7: a part of 6 + 7k bytes must stay under the limit.
TEST(FileSplitter, CutsBeforeTheRecordThatWouldReachTheLimit) {
  TempDir dir;
  write_file(dir / "in.csv", "email\na@x.io\nb@x.io\nc@x.io\nd@x.io\ne@x.io\n");
  auto parts = split_or_die(dir / "in.csv", Format::csv, 21, dir / "out");
  ASSERT_EQ(parts.size(), 3u);
  EXPECT_EQ(read_file(dir / "out/part-001.csv"), "email\na@x.io\nb@x.io\n");  // 20 bytes
  EXPECT_EQ(read_file(dir / "out/part-002.csv"), "email\nc@x.io\nd@x.io\n");
  EXPECT_EQ(read_file(dir / "out/part-003.csv"), "email\ne@x.io\n");
  EXPECT_EQ(parts[0].path, dir / "out/part-001.csv");
  EXPECT_EQ(parts[0].records, 2u);
  EXPECT_EQ(parts[0].bytes, 20u);
  EXPECT_EQ(parts[2].records, 1u);
  EXPECT_EQ(parts[2].bytes, 13u);

  // At exactly 20 a part of two records would be 20 bytes: one record each.
  parts = split_or_die(dir / "in.csv", Format::csv, 20, dir / "out20");
  ASSERT_EQ(parts.size(), 5u);
  EXPECT_EQ(read_file(dir / "out20/part-005.csv"), "email\ne@x.io\n");
}

TEST(FileSplitter, QuotedNewlinesStayInTheirRecordAndBytesAreKept) {
  TempDir dir;
  const std::string header = "email;firstName\r\n";
  const std::vector<std::string> records = {
      "a@x.io;\"Ann\nAnn\"\r\n", "b@x.io;\"B;\"\"o\"\"\r\n\"\r\n", "c@x.io;null\r\n",
      "d@x.io;\"\n\n\n\"\r\n",   "e@x.io;Eve"};  // the last one without a line end
  std::string content = header;
  for (const auto& record : records) content += record;
  write_file(dir / "in.txt", content);
  const auto parts = split_or_die(dir / "in.txt", Format::ssv, 45, dir / "out");
  // Each part is the header and whole records, named with the format's extension.
  std::string joined;
  std::uint64_t total = 0;
  for (const FilePart& part : parts) {
    EXPECT_EQ(part.path.extension(), ".ssv");
    const std::string bytes = read_file(part.path);
    EXPECT_LT(bytes.size(), 45u);
    EXPECT_EQ(bytes.size(), part.bytes);
    ASSERT_EQ(bytes.substr(0, header.size()), header);
    joined += bytes.substr(header.size());
    total += part.records;
  }
  EXPECT_EQ(joined, content.substr(header.size()));
  EXPECT_EQ(total, records.size());
  EXPECT_EQ(read_file(dir / "out/part-001.ssv"), header + records[0]);
  EXPECT_EQ(read_file(dir / "out/part-002.ssv"), header + records[1]);
  EXPECT_EQ(read_file(dir / "out/part-003.ssv"), header + records[2] + records[3]);
  EXPECT_EQ(read_file(parts.back().path), header + records[4]);
}

TEST(FileSplitter, ARecordTooLargeForAnyPartNamesItsLine) {
  TempDir dir;
  // Line 4 holds a record that starts on line 4 and spans two lines.
  write_file(dir / "in.csv", "email,note\na@x.io,1\nb@x.io,2\nc@x.io,\"" + std::string(300, 'x') +
                                 "\n\"\nd@x.io,4\n");
  auto parts = split_import_file(dir / "in.csv", Format::csv, 200, dir / "out");
  ASSERT_FALSE(parts.ok());
  EXPECT_EQ(parts.error().message,
            "line 4: the record does not fit in a part under 200 bytes with the 11-byte header row");
  EXPECT_EQ(parts.error().kind, core::ErrorKind::permanent);
  // No temporary is left behind.
  for (const auto& name : names_in(dir / "out")) EXPECT_EQ(name.find(".tmp"), std::string::npos) << name;
}

TEST(FileSplitter, AHeaderTooLargeIsLineOne) {
  TempDir dir;
  write_file(dir / "in.csv", "email," + std::string(250, 'h') + "\na@x.io,1\n");
  auto parts = split_import_file(dir / "in.csv", Format::csv, 200, dir / "out");
  ASSERT_FALSE(parts.ok());
  EXPECT_EQ(parts.error().message, "line 1: the header row alone does not fit in a part under 200 bytes");
}

TEST(FileSplitter, SameInputSameParts) {
  TempDir dir;
  std::string content = "email,firstName\n";
  for (int i = 0; i < 5000; ++i)
    content += "user" + std::to_string(i) + "@x.io,\"N, " + std::to_string(i % 97) + "\nx\"\n";
  write_file(dir / "in.csv", content);
  const auto first = split_or_die(dir / "in.csv", Format::csv, 10'000, dir / "one");
  const auto second = split_or_die(dir / "in.csv", Format::csv, 10'000, dir / "two");
  ASSERT_GT(first.size(), 5u);
  ASSERT_EQ(first.size(), second.size());
  for (std::size_t i = 0; i < first.size(); ++i) {
    EXPECT_EQ(first[i].path.filename(), second[i].path.filename());
    EXPECT_EQ(first[i].records, second[i].records);
    EXPECT_EQ(read_file(first[i].path), read_file(second[i].path));
  }
  EXPECT_EQ(names_in(dir / "one"), names_in(dir / "two"));
  EXPECT_EQ(names_in(dir / "one").size(), first.size());  // parts only, no temporaries
}

TEST(FileSplitter, ExistingPartsAndLeftoverTemporariesAreReplaced) {
  TempDir dir;
  std::filesystem::create_directories(dir / "out");
  write_file(dir / "out/part-001.tsv", "stale");
  write_file(dir / "out/.part-002.tsv.tmp", "left by a crash");
  write_file(dir / "in.tsv", "email\ta\nx@y.io\t1\nz@y.io\t2\n");
  const auto parts = split_or_die(dir / "in.tsv", Format::tsv, 20, dir / "out");
  ASSERT_EQ(parts.size(), 2u);
  EXPECT_EQ(read_file(dir / "out/part-001.tsv"), "email\ta\nx@y.io\t1\n");
  EXPECT_EQ(read_file(dir / "out/part-002.tsv"), "email\ta\nz@y.io\t2\n");
  EXPECT_EQ(names_in(dir / "out"), (std::vector<std::string>{"part-001.tsv", "part-002.tsv"}));
}

TEST(FileSplitter, MissingInputIsAnError) {
  TempDir dir;
  auto parts = split_import_file(dir / "gone.csv", Format::csv, 100, dir / "out");
  ASSERT_FALSE(parts.ok());
  EXPECT_EQ(parts.error().message, "open " + (dir / "gone.csv").string() + ": No such file or directory");
}

}  // namespace
}  // namespace msync::imports
