#include <gtest/gtest.h>

#include <limits>
#include <random>
#include <string>
#include <vector>

#include "csv/csv.hpp"
#include "csv/shape_check.hpp"

namespace msync::csv {
namespace {

constexpr std::uint64_t kUnlimited = std::numeric_limits<std::uint64_t>::max();

// What the validator concludes with RecordReader: every record reads cleanly, none is an empty
// line, and all are as wide as the first.
struct Verdict {
  bool valid = false;
  std::uint64_t records = 0;
  std::size_t width = 0;
};

Verdict read_exactly(std::string_view text, char delimiter) {
  RecordReader reader(text, delimiter);
  Record record;
  Verdict verdict;
  for (;;) {
    auto more = reader.next(record);
    if (!more) return {};
    if (!*more) break;
    const auto& fields = record.fields;
    if (fields.size() == 1 && fields.front().value.empty() && !fields.front().quoted) return {};
    if (verdict.records == 0)
      verdict.width = fields.size();
    else if (fields.size() != verdict.width)
      return {};
    ++verdict.records;
  }
  verdict.valid = true;
  return verdict;
}

ShapeCheck check_in_pieces(std::string_view text, char delimiter, std::mt19937& random,
                           std::uint64_t max_record_bytes = kUnlimited, RecordEndObserver* observer = nullptr) {
  ShapeCheck shape(delimiter, max_record_bytes, observer);
  std::size_t at = 0;
  while (at < text.size()) {
    const std::size_t n = std::min<std::size_t>(text.size() - at, 1 + random() % 40);
    shape.feed(text.substr(at, n));
    at += n;
  }
  shape.finish();
  return shape;
}

// A record of random fields, some quoted (holding delimiters, doubled quotes, CR and LF).
std::string random_record(std::mt19937& random, std::size_t width, char delimiter) {
  std::string out;
  for (std::size_t i = 0; i < width; ++i) {
    if (i) out += delimiter;
    const unsigned kind = random() % 4;
    const std::size_t length = random() % 24;
    if (kind == 0) {
      out += '"';
      for (std::size_t j = 0; j < length; ++j) {
        static constexpr std::string_view kInside = "ab \"\r\n,\t";
        const char c = kInside[random() % kInside.size()];
        out += c;
        if (c == '"') out += '"';
      }
      out += '"';
    } else {
      for (std::size_t j = 0; j < length; ++j) out += static_cast<char>('a' + random() % 26);
    }
  }
  return out;
}

// Mostly valid files, so that both answers are common, each perhaps with one byte changed.
std::string random_file(std::mt19937& random, char delimiter) {
  const std::size_t width = 1 + random() % 6;
  const std::size_t records = random() % 8;
  const bool crlf = random() % 2;
  std::string out;
  for (std::size_t r = 0; r < records; ++r) {
    out += random_record(random, r > 0 && random() % 30 == 0 ? width + 1 : width, delimiter);
    if (r + 1 < records || random() % 3) out += crlf ? "\r\n" : "\n";
  }
  if (!out.empty() && random() % 3 == 0) {
    static constexpr std::string_view kNoise = "\"\r\n,\ta";
    out[random() % out.size()] = kNoise[random() % kNoise.size()];
  }
  return out;
}

TEST(ShapeCheck, AgreesWithRecordReaderOnRandomFiles) {
  std::mt19937 random(2026);
  int valid = 0, invalid = 0;
  for (int round = 0; round < 40000; ++round) {
    const char delimiter = round % 2 ? ',' : '\t';
    const std::string text = random_file(random, delimiter);
    const Verdict expected = read_exactly(text, delimiter);
    const ShapeCheck shape = check_in_pieces(text, delimiter, random);
    ASSERT_EQ(!shape.in_doubt(), expected.valid) << "round " << round << ": " << testing::PrintToString(text);
    if (!expected.valid) {
      ++invalid;
      continue;
    }
    ++valid;
    ASSERT_EQ(shape.records(), expected.records) << testing::PrintToString(text);
    if (expected.records > 0) {
      ASSERT_EQ(shape.width(), expected.width) << testing::PrintToString(text);
    }
  }
  // Both answers were tried many times.
  EXPECT_GT(valid, 5000);
  EXPECT_GT(invalid, 5000);
}

struct EndsSeen final : RecordEndObserver {
  void record_ended(std::uint64_t end) override { ends.push_back(end); }
  std::vector<std::uint64_t> ends;
};

// The ends told to the observer cut a valid file into pieces that RecordReader reads as exactly one
// record each, the whole file covered.
TEST(ShapeCheck, TellsWhereEachRecordEnds) {
  std::mt19937 random(11);
  int files = 0;
  for (int round = 0; round < 20000; ++round) {
    const char delimiter = round % 2 ? ',' : '\t';
    const std::string text = random_file(random, delimiter);
    if (!read_exactly(text, delimiter).valid) continue;
    ++files;
    EndsSeen seen;
    const ShapeCheck shape = check_in_pieces(text, delimiter, random, kUnlimited, &seen);
    ASSERT_EQ(seen.ends.size(), shape.records()) << testing::PrintToString(text);
    std::uint64_t begin = 0;
    for (const std::uint64_t end : seen.ends) {
      ASSERT_GT(end, begin) << testing::PrintToString(text);
      const Verdict piece = read_exactly(std::string_view(text).substr(begin, end - begin), delimiter);
      ASSERT_TRUE(piece.valid && piece.records == 1)
          << "[" << begin << ", " << end << ") of " << testing::PrintToString(text);
      begin = end;
    }
    EXPECT_EQ(begin, text.size()) << testing::PrintToString(text);
  }
  EXPECT_GT(files, 5000);
}

TEST(ShapeCheck, AgreesWithRecordReaderOnRandomBytes) {
  std::mt19937 random(7);
  static constexpr std::string_view kAlphabet = "aaaabbb,,,\"\"\r\n\n";
  for (int round = 0; round < 40000; ++round) {
    std::string text(random() % 60, 'a');
    for (char& c : text) c = kAlphabet[random() % kAlphabet.size()];
    const Verdict expected = read_exactly(text, ',');
    const ShapeCheck shape = check_in_pieces(text, ',', random);
    ASSERT_EQ(!shape.in_doubt(), expected.valid) << testing::PrintToString(text);
    if (expected.valid) {
      ASSERT_EQ(shape.records(), expected.records) << testing::PrintToString(text);
    }
  }
}

TEST(ShapeCheck, CountsAFileLongEnoughForTheWideStepsAndFindsItsFirstRecord) {
  const std::string header = "email,firstName,company\r\n";
  std::string text = header;
  for (int i = 0; i < 1000; ++i)
    text += i % 8 ? "someone@example.com,Jordan,Globex Corporation\r\n"
                  : "someone@example.com,\"Zo\xc3\xab\",\"Acme, \"\"Inc.\"\"\"\r\n";
  std::mt19937 random(1);
  const ShapeCheck shape = check_in_pieces(text, ',', random);
  EXPECT_FALSE(shape.in_doubt());
  EXPECT_EQ(shape.records(), 1001u);
  EXPECT_EQ(shape.width(), 3u);
  EXPECT_EQ(shape.first_record_bytes(), header.size());
}

TEST(ShapeCheck, DoubtsARecordLongerThanAllowed) {
  std::mt19937 random(3);
  const std::string text = "a,b\n" + std::string(100, 'x') + ",y\nc,d\n";
  EXPECT_FALSE(check_in_pieces(text, ',', random, 103).in_doubt());  // 100 + ",y\n"
  EXPECT_TRUE(check_in_pieces(text, ',', random, 102).in_doubt());
  EXPECT_TRUE(check_in_pieces("a,b\nc," + std::string(100, 'x'), ',', random, 50).in_doubt())
      << "a last record without a line break is measured too";
}

TEST(ShapeCheck, DoubtsWhatRecordReaderRefuses) {
  std::mt19937 random(5);
  for (const std::string_view text :
       {"a,b\n\n", "a,b\r\n\r\n", "a,b\nc\n", "a,b\nc,d,e\n", "a,b\nc\"d,e\n", "a,b\nc\rd,e\n",
        "a,b\n\"c\"d,e\n", "a,b\n\"c,d\n", "a,b\nc,d\r", "\n"}) {
    EXPECT_TRUE(check_in_pieces(text, ',', random).in_doubt()) << testing::PrintToString(std::string(text));
    EXPECT_FALSE(read_exactly(text, ',').valid) << testing::PrintToString(std::string(text));
  }
}

}  // namespace
}  // namespace msync::csv
