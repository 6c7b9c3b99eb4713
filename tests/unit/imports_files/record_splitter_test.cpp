// RecordSplitter, the engine of split_import_file, fed the same bytes in chunks of every size from
// one byte up: the cuts, the parts' bytes and record counts, and the line named in an error do not
// depend on where the chunks end (quotes, doubled quotes, CRLF and line breaks inside quoted fields
// falling across chunk ends).
#include <gtest/gtest.h>

#include <filesystem>
#include <string>
#include <vector>

#include "imports/record_splitter.hpp"
#include "test_files.hpp"

namespace msync::imports {
namespace {

using testing::read_file;
using testing::TempDir;

struct Split {
  std::vector<std::string> parts;  // each part's bytes
  std::vector<std::uint64_t> records;
  std::string error;
};

Split split_in_chunks(const std::string& content, std::size_t chunk, std::uint64_t max,
                      const std::filesystem::path& out) {
  std::filesystem::create_directories(out);
  RecordSplitter splitter(out, csv::Format::csv, max);
  Split split;
  for (std::size_t at = 0; at < content.size(); at += chunk) {
    if (auto status = splitter.feed(std::string_view(content).substr(at, chunk)); !status) {
      split.error = status.error().message;
      return split;
    }
  }
  auto parts = splitter.finish();
  if (!parts) {
    split.error = parts.error().message;
    return split;
  }
  for (const FilePart& part : *parts) {
    split.parts.push_back(read_file(part.path));
    split.records.push_back(part.records);
    EXPECT_EQ(split.parts.back().size(), part.bytes);
  }
  return split;
}

std::string members(int count) {
  std::string content = "email,firstName,company\r\n";
  for (int i = 0; i < count; ++i) {
    content += "m" + std::to_string(i) + "@x.io,";
    content += i % 3 == 0 ? "\"Ann \"\"A\"\"\nB\"" : "Bob";
    content += i % 5 == 0 ? ",\"Acme, Inc.\r\nEU\"\r\n" : ",Globex\r\n";
  }
  return content;
}

TEST(RecordSplitter, EveryChunkSizeGivesTheSameParts) {
  TempDir dir;
  const std::string content = members(60);
  const Split whole = split_in_chunks(content, content.size(), 400, dir / "whole");
  ASSERT_EQ(whole.error, "");
  ASSERT_GT(whole.parts.size(), 4u);
  std::uint64_t total = 0;
  for (auto records : whole.records) total += records;
  EXPECT_EQ(total, 60u);
  for (std::size_t chunk = 1; chunk <= 97; ++chunk) {
    const Split split = split_in_chunks(content, chunk, 400, dir / ("c" + std::to_string(chunk)));
    ASSERT_EQ(split.error, "") << "chunk " << chunk;
    EXPECT_EQ(split.parts, whole.parts) << "chunk " << chunk;
    EXPECT_EQ(split.records, whole.records) << "chunk " << chunk;
  }
}

TEST(RecordSplitter, PartsAreTheHeaderAndWholeRecordsInOrder) {
  TempDir dir;
  const std::string content = members(40);
  const std::string header = "email,firstName,company\r\n";
  const Split split = split_in_chunks(content, 13, 300, dir / "out");
  ASSERT_EQ(split.error, "");
  std::string joined;
  for (const auto& part : split.parts) {
    EXPECT_LT(part.size(), 300u);
    ASSERT_EQ(part.substr(0, header.size()), header);
    joined += part.substr(header.size());
  }
  EXPECT_EQ(header + joined, content);
}

// Parts of several MiB, fed in the file reader's 1 MiB chunks: runs of records past the part
// writer's buffer go to disk without it, after the header it holds.
TEST(RecordSplitter, LargePartsKeepTheHeaderAndEveryByte) {
  TempDir dir;
  const std::string content = members(60'000);  // ~1.7 MB: one part over 1 MiB, then the rest
  ASSERT_GT(content.size(), 1'200'000u);
  const Split split = split_in_chunks(content, 1 << 20, 1'200'000, dir / "out");
  ASSERT_EQ(split.error, "");
  ASSERT_EQ(split.parts.size(), 2u);
  const std::string header = "email,firstName,company\r\n";
  EXPECT_GT(split.parts[0].size(), 1u << 20);
  std::string joined;
  for (const auto& part : split.parts) {
    ASSERT_EQ(part.substr(0, header.size()), header);
    joined += part.substr(header.size());
  }
  EXPECT_EQ(header + joined, content);
  EXPECT_EQ(split.records[0] + split.records[1], 60'000u);
}

TEST(RecordSplitter, TheLineOfATooLargeRecordDoesNotDependOnChunks) {
  TempDir dir;
  // Lines 1-7 are the header and three records of two lines each; line 8 starts the large one.
  std::string content = "email,note\n";
  for (int i = 0; i < 3; ++i) content += "a@x.io,\"x\ny\"\n";
  content += "big@x.io,\"" + std::string(120, 'z') + "\n" + std::string(120, 'z') + "\"\nc@x.io,1\n";
  for (std::size_t chunk : {1u, 2u, 5u, 16u, 64u, 1000u}) {
    const Split split = split_in_chunks(content, chunk, 200, dir / ("c" + std::to_string(chunk)));
    EXPECT_EQ(split.error,
              "line 8: the record does not fit in a part under 200 bytes with the 11-byte header row")
        << "chunk " << chunk;
  }
}

TEST(RecordSplitter, ALastRecordWithoutLineEndIsKept) {
  TempDir dir;
  const std::string content = "email\na@x.io\nb@x.io";
  for (std::size_t chunk : {1u, 3u, 100u}) {
    const Split split = split_in_chunks(content, chunk, 15, dir / ("c" + std::to_string(chunk)));
    ASSERT_EQ(split.error, "");
    EXPECT_EQ(split.parts, (std::vector<std::string>{"email\na@x.io\n", "email\nb@x.io"}));
    EXPECT_EQ(split.records, (std::vector<std::uint64_t>{1, 1}));
  }
}

}  // namespace
}  // namespace msync::imports
