#include <gtest/gtest.h>

#include <algorithm>
#include <string>

#include "csv/csv.hpp"

namespace msync::csv {
namespace {

RecordCounter count_whole(std::string_view text, bool header = true) {
  RecordCounter counter(header);
  counter.feed(text);
  return counter;
}

TEST(RecordCounter, EmptyInputHasNoRecordsAndEndsAtBoundary) {
  const RecordCounter c = count_whole("");
  EXPECT_EQ(c.records(), 0u);
  EXPECT_EQ(c.data_records(), 0u);
  EXPECT_TRUE(c.at_record_boundary());
  EXPECT_EQ(c.bytes(), 0u);
}

TEST(RecordCounter, HeaderOnly) {
  const RecordCounter c = count_whole("firstName,lastName\n");
  EXPECT_EQ(c.records(), 1u);
  EXPECT_EQ(c.data_records(), 0u);
  EXPECT_TRUE(c.at_record_boundary());
}

TEST(RecordCounter, HeaderOnlyWithoutNewlineIsOneUnfinishedRecord) {
  const RecordCounter c = count_whole("firstName,lastName");
  EXPECT_EQ(c.records(), 1u);
  EXPECT_EQ(c.data_records(), 0u);
  EXPECT_FALSE(c.at_record_boundary());
}

TEST(RecordCounter, SeedExample) {
  const RecordCounter c =
      count_whole("firstName,lastName,email,cookies\nRussell,Wilson,null,_mch-localhost-1536605780000-12105\n");
  EXPECT_EQ(c.data_records(), 1u);
  EXPECT_TRUE(c.at_record_boundary());
}

TEST(RecordCounter, NoFinalNewlineStillCountsTheLastRecord) {
  const RecordCounter c = count_whole("h\na\nb");
  EXPECT_EQ(c.data_records(), 2u);
  EXPECT_FALSE(c.at_record_boundary());
}

TEST(RecordCounter, QuotedNewlinesAreNotBoundaries) {
  const RecordCounter c = count_whole("id,note\n1,\"line one\nline two\"\n2,\"a\r\nb\n\nc\"\n");
  EXPECT_EQ(c.data_records(), 2u);
  EXPECT_TRUE(c.at_record_boundary());
}

TEST(RecordCounter, DoubledQuotesStayInside) {
  const RecordCounter c = count_whole("id,note\n1,\"say \"\"hi\n\"\" there\"\n2,x\n");
  EXPECT_EQ(c.data_records(), 2u);
  EXPECT_TRUE(c.at_record_boundary());
}

TEST(RecordCounter, CrLfLineEnds) {
  const RecordCounter c = count_whole("id,name\r\n1,a\r\n2,\"b\r\nc\"\r\n");
  EXPECT_EQ(c.data_records(), 2u);
  EXPECT_TRUE(c.at_record_boundary());
}

TEST(RecordCounter, EndingInsideQuotesIsNotABoundary) {
  const RecordCounter c = count_whole("id,note\n1,\"open\n");
  EXPECT_TRUE(c.inside_quotes());
  EXPECT_FALSE(c.at_record_boundary());
  EXPECT_EQ(c.data_records(), 1u);
}

TEST(RecordCounter, WithoutHeaderEveryRecordCounts) {
  EXPECT_EQ(count_whole("a\nb\n", false).data_records(), 2u);
}

TEST(RecordCounter, LongRunsUseTheWordPathCorrectly) {
  // Every byte value next to newlines, so the eight-byte mask is checked against all neighbours.
  std::string text = "h\n";
  std::uint64_t expected = 0;
  for (int b = 0; b < 256; ++b) {
    if (b == '"' || b == '\n') continue;
    text.append(static_cast<std::size_t>(b % 13), static_cast<char>(b));
    text.push_back('\n');
    ++expected;
  }
  EXPECT_EQ(count_whole(text).data_records(), expected);
}

TEST(RecordCounter, LongRunsCountEveryNewlineWhateverTheirAlignmentAndLength) {
  // All newlines for more than 255 sixteen-byte blocks (a lane counter would wrap at 256), then a
  // pseudo-random mix, each counted from every start offset within 32 bytes against a plain count.
  std::string body(16 * 255 * 2 + 7, '\n');
  std::uint32_t state = 12345;
  for (int i = 0; i < 20000; ++i) {
    state = state * 1103515245u + 12345u;
    body.push_back((state >> 16) % 5 == 0 ? '\n' : static_cast<char>('a' + (state >> 20) % 26));
  }
  for (std::size_t offset = 0; offset < 32; ++offset) {
    const std::string_view text = std::string_view(body).substr(offset);
    const auto expected = static_cast<std::uint64_t>(std::count(text.begin(), text.end(), '\n'));
    RecordCounter c(false);
    c.feed(text);
    EXPECT_EQ(c.records(), expected + (c.at_record_boundary() ? 0 : 1)) << "offset " << offset;
  }
}

TEST(RecordCounter, ResetStartsOver) {
  RecordCounter c;
  c.feed(std::string_view("h\n\"x"));
  c.reset();
  EXPECT_EQ(c.records(), 0u);
  EXPECT_FALSE(c.inside_quotes());
}

// A sample mixing everything; fed in every chunk size and every two-piece split, the answer
// must not change.
const std::string_view kSample =
    "id,email,note\r\n"
    "1,a@example.com,null\n"
    "2,b@example.com,\"has, comma\"\n"
    "3,null,\"multi\nline \"\"quoted\"\"\r\nnote\"\n"
    "4,\"\"\"\",x\n"
    "5,e@example.com,last";

TEST(RecordCounter, EveryChunkSizeGivesTheSameCount) {
  for (std::size_t size = 1; size <= kSample.size(); ++size) {
    RecordCounter c;
    for (std::size_t pos = 0; pos < kSample.size(); pos += size)
      c.feed(kSample.substr(pos, size));
    EXPECT_EQ(c.data_records(), 5u) << "chunk size " << size;
    EXPECT_FALSE(c.at_record_boundary()) << "chunk size " << size;
    EXPECT_EQ(c.bytes(), kSample.size());
  }
}

TEST(RecordCounter, EverySplitPositionGivesTheSameCountAndBoundary) {
  const RecordCounter whole = count_whole(kSample);
  for (std::size_t split = 0; split <= kSample.size(); ++split) {
    RecordCounter c;
    c.feed(kSample.substr(0, split));
    // The prefix on its own agrees with a one-shot count of the prefix.
    const RecordCounter prefix = count_whole(kSample.substr(0, split));
    EXPECT_EQ(c.records(), prefix.records()) << "split " << split;
    EXPECT_EQ(c.at_record_boundary(), prefix.at_record_boundary()) << "split " << split;
    c.feed(kSample.substr(split));
    EXPECT_EQ(c.records(), whole.records()) << "split " << split;
  }
}

TEST(RecordCounter, BoundaryTracksEachPrefix) {
  const std::string_view text = "h\n1,\"a\nb\"\n";
  // After "h\n" and after the whole text we are between records; inside the quotes we are not.
  EXPECT_TRUE(count_whole(text.substr(0, 2)).at_record_boundary());
  EXPECT_FALSE(count_whole(text.substr(0, 7)).at_record_boundary());  // "h\n1,\"a\n"
  EXPECT_FALSE(count_whole(text.substr(0, 9)).at_record_boundary());
  EXPECT_TRUE(count_whole(text).at_record_boundary());
}

TEST(RecordCounter, DelimiterDoesNotMatter) {
  for (const char* text : {"a,b\n\"x,y\",z\n", "a\tb\n\"x\ty\"\tz\n", "a b\n\"x y\" z\n"})
    EXPECT_EQ(count_whole(text).data_records(), 1u) << text;
}

}  // namespace
}  // namespace msync::csv
