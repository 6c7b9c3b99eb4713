// split_import_file cutting where the quick validation planned (part_plan.hpp) against the split
// that reads the file: the same parts, byte for byte, on random files and limits; a plan that no
// longer matches the file is not used. And copy_range, which copies the parts' ranges.
#include <gtest/gtest.h>

#include <fcntl.h>
#include <unistd.h>

#include <filesystem>
#include <random>
#include <string>
#include <vector>

#include "imports/quick_validation.hpp"
#include "imports/range_copy.hpp"
#include "staging/file_ops.hpp"
#include "test_files.hpp"

namespace msync::imports {
namespace {

using csv::Format;
using testing::read_file;
using testing::TempDir;
using testing::write_file;

// A valid file: a header the seed's catalog knows, then records of plain, quoted (commas, doubled
// quotes, LF and CRLF inside) and non-ASCII fields, each ended by CRLF or LF, the last perhaps by
// nothing.
std::string random_import_file(std::mt19937& random) {
  static const std::vector<std::string> kFields = {
      "a@x.com", "Ann", "\"Acme, Inc.\"", "\"O\"\"Neil\"", "\"two\nlines\"", "\"cr\r\nlf\"", "Zo\xc3\xab", "null"};
  std::string out = random() % 2 ? "email,firstName,company\r\n" : "email,firstName,company\n";
  const int records = 1 + static_cast<int>(random() % 60);
  for (int r = 0; r < records; ++r) {
    for (int field = 0; field < 3; ++field) {
      if (field) out += ',';
      out += random() % 4 ? kFields[random() % kFields.size()] : std::string(1 + random() % 40, 'x');
    }
    if (r + 1 < records || random() % 3) out += random() % 2 ? "\r\n" : "\n";
  }
  return out;
}

ValidatedFile vouched(const std::filesystem::path& file, std::uint64_t max_part_bytes) {
  auto valid = validate_quickly(file, Format::csv, testing::seed_fields(), max_part_bytes);
  EXPECT_TRUE(valid.has_value()) << ::testing::PrintToString(read_file(file));
  return valid ? std::move(*valid) : ValidatedFile{};
}

// The two splits' parts hold the same names, counts and bytes.
void expect_same_parts(const std::vector<FilePart>& read, const std::vector<FilePart>& planned,
                       const std::string& context) {
  ASSERT_EQ(read.size(), planned.size()) << context;
  for (std::size_t i = 0; i < read.size(); ++i) {
    EXPECT_EQ(read[i].path.filename(), planned[i].path.filename()) << context;
    EXPECT_EQ(read[i].records, planned[i].records) << context;
    EXPECT_EQ(read[i].bytes, planned[i].bytes) << context;
    EXPECT_EQ(read_file(read[i].path), read_file(planned[i].path)) << context << ", part " << i + 1;
  }
}

TEST(PlannedSplit, CutsWhereTheSplitThatReadsTheFileCuts) {
  std::mt19937 random(2026);
  TempDir dir;
  int split = 0, whole = 0, unfit = 0;
  for (int round = 0; round < 400; ++round) {
    const std::string content = random_import_file(random);
    const std::uint64_t max = 30 + random() % (content.size() + 60);
    const auto file = dir / "in.csv";
    write_file(file, content);
    const ValidatedFile valid = vouched(file, max);
    const std::string context = "round " + std::to_string(round) + ", limit " + std::to_string(max);
    std::filesystem::remove_all(dir / "read");
    std::filesystem::remove_all(dir / "planned");
    auto read = split_import_file(file, Format::csv, max, dir / "read");
    auto planned = split_import_file(file, Format::csv, max, dir / "planned", valid.plan);
    ASSERT_EQ(read.ok(), planned.ok()) << context;
    if (!read.ok()) {
      // A record too large for the limit: nothing was planned, and the error is the reading one.
      EXPECT_FALSE(valid.plan.has_value()) << context;
      EXPECT_EQ(read.error().message, planned.error().message) << context;
      ++unfit;
      continue;
    }
    ASSERT_TRUE(valid.plan.has_value()) << context;
    expect_same_parts(*read, *planned, context);
    (content.size() < max ? whole : split)++;
  }
  // Every outcome was tried many times.
  EXPECT_GT(split, 100);
  EXPECT_GT(whole, 30);
  EXPECT_GT(unfit, 15);
}

TEST(PlannedSplit, AFileSmallerThanTheLimitIsCountedFromThePlanAndNotCopied) {
  TempDir dir;
  write_file(dir / "in.csv", testing::kLannister);
  const ValidatedFile valid = vouched(dir / "in.csv", kMaxImportBytes);
  ASSERT_TRUE(valid.plan.has_value());
  auto parts = split_import_file(dir / "in.csv", Format::csv, kMaxImportBytes, dir / "parts", valid.plan);
  ASSERT_TRUE(parts.ok()) << parts.error().message;
  ASSERT_EQ(parts->size(), 1u);
  EXPECT_EQ((*parts)[0].path, dir / "in.csv");
  EXPECT_EQ((*parts)[0].records, 8u);
  EXPECT_FALSE(std::filesystem::exists(dir / "parts"));
}

// A file that grew after it was validated, or a plan made for another limit: the plan is not
// used, and the parts are the reading split's.
TEST(PlannedSplit, APlanThatNoLongerMatchesIsLeftAside) {
  TempDir dir;
  const std::string content = "email,firstName\na@x.com,Ann\nb@x.com,\"Bo\nBo\"\nc@x.com,Cy\n";
  write_file(dir / "in.csv", content);
  const ValidatedFile valid = vouched(dir / "in.csv", 40);
  ASSERT_TRUE(valid.plan.has_value());

  write_file(dir / "in.csv", content + "d@x.com,Di\n");
  auto grown = split_import_file(dir / "in.csv", Format::csv, 40, dir / "grown", valid.plan);
  auto read = split_import_file(dir / "in.csv", Format::csv, 40, dir / "read");
  ASSERT_TRUE(grown.ok() && read.ok());
  expect_same_parts(*read, *grown, "grown");
  EXPECT_EQ(read_file(grown->back().path), "email,firstName\nc@x.com,Cy\nd@x.com,Di\n");

  write_file(dir / "in.csv", content);
  auto other_limit = split_import_file(dir / "in.csv", Format::csv, 50, dir / "other", valid.plan);
  auto read_50 = split_import_file(dir / "in.csv", Format::csv, 50, dir / "read50");
  ASSERT_TRUE(other_limit.ok() && read_50.ok());
  expect_same_parts(*read_50, *other_limit, "limit 50");
}

// A plan whose last range runs past the file's end (as if the file had changed under it): the
// copy stops with an error naming the file, and the part it was writing is not left behind.
TEST(PlannedSplit, ARangePastTheEndIsAnErrorAndLeavesNoHalfPart) {
  TempDir dir;
  const std::string content = "email,firstName\na@x.com,Ann\nb@x.com,Bo\nc@x.com,Cy\n";
  write_file(dir / "in.csv", content);
  ValidatedFile valid = vouched(dir / "in.csv", 40);
  ASSERT_TRUE(valid.plan.has_value());
  ASSERT_EQ(valid.plan->parts.size(), 2u);
  valid.plan->parts.back().end += 10;
  auto parts = split_import_file(dir / "in.csv", Format::csv, 40, dir / "parts", valid.plan);
  ASSERT_FALSE(parts.ok());
  EXPECT_NE(parts.error().message.find("in.csv ends at byte"), std::string::npos) << parts.error().message;
  EXPECT_TRUE(std::filesystem::exists(dir / "parts/part-001.csv"));
  EXPECT_FALSE(std::filesystem::exists(dir / "parts/part-002.csv"));
  EXPECT_FALSE(std::filesystem::exists(dir / "parts/.part-002.csv.tmp"));
}

class RangeCopyTest : public ::testing::TestWithParam<CopyMethod> {};

// Three ranges of a 3 MB file (the start, a middle that crosses the reading chunk, the end) copied
// after what the destination already holds.
TEST_P(RangeCopyTest, CopiesTheRangeAfterWhatTheDestinationHolds) {
  TempDir dir;
  std::mt19937 random(5);
  std::string source_bytes(3 << 20, '\0');
  for (char& c : source_bytes) c = static_cast<char>(random());
  write_file(dir / "source", source_bytes);
  const staging::detail::UniqueFd from(::open((dir / "source").c_str(), O_RDONLY | O_CLOEXEC));
  ASSERT_GE(from.get(), 0);
  const std::filesystem::path to_path = dir / "copy";
  const staging::detail::UniqueFd to(::open(to_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600));
  ASSERT_GE(to.get(), 0);
  ASSERT_EQ(::write(to.get(), "head\n", 5), 5);
  const std::filesystem::path from_path = dir / "source";
  const struct {
    std::uint64_t offset, length;
  } ranges[] = {{0, 10}, {1000, (1 << 20) + 5000}, {source_bytes.size() - 7, 7}};
  std::string expected = "head\n";
  for (const auto& range : ranges) {
    auto copied = copy_range(OpenFile{from.get(), from_path}, range.offset, range.length,
                             OpenFile{to.get(), to_path}, GetParam());
    ASSERT_TRUE(copied.ok()) << copied.error().message;
    expected += source_bytes.substr(range.offset, range.length);
  }
  EXPECT_TRUE(read_file(to_path) == expected);  // no 3 MB diff on failure
}

TEST_P(RangeCopyTest, ASourceEndingBeforeTheRangeIsAnErrorNamingIt) {
  TempDir dir;
  write_file(dir / "source", "0123456789");
  const std::filesystem::path from_path = dir / "source";
  const std::filesystem::path to_path = dir / "copy";
  const staging::detail::UniqueFd from(::open(from_path.c_str(), O_RDONLY | O_CLOEXEC));
  const staging::detail::UniqueFd to(::open(to_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600));
  ASSERT_TRUE(from.get() >= 0 && to.get() >= 0);
  auto copied = copy_range(OpenFile{from.get(), from_path}, 4, 20, OpenFile{to.get(), to_path}, GetParam());
  ASSERT_FALSE(copied.ok());
  EXPECT_EQ(copied.error().message,
            from_path.string() + " ends at byte 10, before byte 24: it changed while it was split");
  EXPECT_EQ(read_file(to_path), "456789");
}

INSTANTIATE_TEST_SUITE_P(Both, RangeCopyTest, ::testing::Values(CopyMethod::in_kernel, CopyMethod::by_reading),
                         [](const auto& info) {
                           return std::string(info.param == CopyMethod::in_kernel ? "InKernel" : "ByReading");
                         });

}  // namespace
}  // namespace msync::imports
