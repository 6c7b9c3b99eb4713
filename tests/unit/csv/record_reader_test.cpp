#include <gtest/gtest.h>

#include <sstream>
#include <string>
#include <vector>

#include "csv/csv.hpp"

namespace msync::csv {
namespace {

using Rows = std::vector<std::vector<std::string>>;

Rows read_all(RecordReader& reader) {
  Rows rows;
  Record record;
  for (;;) {
    auto more = reader.next(record);
    EXPECT_TRUE(more.ok()) << more.error().message;
    if (!more.ok() || !*more) return rows;
    auto& row = rows.emplace_back();
    for (const Field& f : record.fields) row.push_back(f.value);
  }
}

Rows read_all(std::string_view text, char delimiter = ',') {
  RecordReader reader(text, delimiter);
  return read_all(reader);
}

std::string first_error(std::string_view text, char delimiter = ',') {
  RecordReader reader(text, delimiter);
  Record record;
  for (;;) {
    auto more = reader.next(record);
    if (!more.ok()) return more.error().message;
    if (!*more) return "no error";
  }
}

TEST(RecordReader, EmptyInputHasNoRecords) { EXPECT_TRUE(read_all("").empty()); }

TEST(RecordReader, HeaderOnly) {
  EXPECT_EQ(read_all("email,firstName\n"), (Rows{{"email", "firstName"}}));
}

TEST(RecordReader, NoFinalNewline) {
  EXPECT_EQ(read_all("a,b\n1,2"), (Rows{{"a", "b"}, {"1", "2"}}));
}

TEST(RecordReader, QuotedDelimitersNewlinesAndDoubledQuotes) {
  EXPECT_EQ(read_all("id,note\n1,\"x, y\"\n2,\"two\nlines\"\n3,\"say \"\"hi\"\"\"\n4,\"\"\n"),
            (Rows{{"id", "note"}, {"1", "x, y"}, {"2", "two\nlines"}, {"3", "say \"hi\""},
                  {"4", ""}}));
}

TEST(RecordReader, CrLfLineEndsAndQuotedCr) {
  EXPECT_EQ(read_all("a,b\r\n1,\"x\r\ny\"\r\n2,3"),
            (Rows{{"a", "b"}, {"1", "x\r\ny"}, {"2", "3"}}));
}

TEST(RecordReader, EmptyFieldsAndEmptyLine) {
  EXPECT_EQ(read_all(",\n\n"), (Rows{{"", ""}, {""}}));
}

TEST(RecordReader, EachDelimiter) {
  const Rows expected{{"a", "b c", "d,e"}, {"1", "2\t3", "4"}};
  EXPECT_EQ(read_all("a,\"b c\",\"d,e\"\n1,2\t3,4\n", ','), expected);
  EXPECT_EQ(read_all("a\tb c\td,e\n1\t\"2\t3\"\t4\n", '\t'), expected);
  EXPECT_EQ(read_all("a \"b c\" d,e\n1 2\t3 4\n", ' '), expected);
}

TEST(RecordReader, NullMarkerVersusQuotedNull) {
  RecordReader reader("null,\"null\"\n", ',');
  Record record;
  ASSERT_TRUE(*reader.next(record));
  ASSERT_EQ(record.fields.size(), 2u);
  EXPECT_TRUE(record.fields[0].is_null());
  EXPECT_FALSE(record.fields[1].is_null());
  EXPECT_TRUE(record.fields[1].quoted);
}

TEST(RecordReader, LinesAndColumns) {
  RecordReader reader("id,note\n1,\"a\nb\",z\n22,x\n", ',');
  Record record;
  ASSERT_TRUE(*reader.next(record));
  EXPECT_EQ(record.line, 1u);
  EXPECT_EQ(record.fields[1].column, 4u);
  ASSERT_TRUE(*reader.next(record));
  EXPECT_EQ(record.line, 2u);
  ASSERT_EQ(record.fields.size(), 3u);
  EXPECT_EQ(record.fields[1].line, 2u);
  EXPECT_EQ(record.fields[1].column, 3u);
  EXPECT_EQ(record.fields[2].line, 3u);  // after the quoted newline
  EXPECT_EQ(record.fields[2].column, 4u);
  ASSERT_TRUE(*reader.next(record));
  EXPECT_EQ(record.line, 4u);
  EXPECT_EQ(record.fields[1].column, 4u);
  EXPECT_FALSE(*reader.next(record));
}

TEST(RecordReader, QuoteInUnquotedFieldNamesLineAndColumn) {
  EXPECT_EQ(first_error("a,b\n1,ab\"c\n").substr(0, 5), "2:5: ");
  EXPECT_NE(first_error("a,b\n1,ab\"c\n").find("quote in an unquoted field"), std::string::npos);
}

TEST(RecordReader, UnterminatedQuoteAtEndNamesWhereItOpened) {
  const std::string error = first_error("a,b\n1,\"open\nstill open");
  EXPECT_EQ(error.substr(0, 5), "2:3: ");
  EXPECT_NE(error.find("not closed"), std::string::npos);
}

TEST(RecordReader, GarbageAfterClosingQuote) {
  const std::string error = first_error("a,b\n\"x\"y,2\n");
  EXPECT_EQ(error.substr(0, 5), "2:4: ");
  EXPECT_NE(error.find("'y' after a closing quote"), std::string::npos);
}

TEST(RecordReader, BareCrInUnquotedField) {
  EXPECT_EQ(first_error("a,b\r1,2\n").substr(0, 5), "1:4: ");
}

TEST(RecordReader, StaysFailedAfterAnError) {
  RecordReader reader("\"x\"y\nok\n", ',');
  Record record;
  EXPECT_FALSE(reader.next(record).ok());
  EXPECT_FALSE(reader.next(record).ok());
}

TEST(RecordReader, StreamAgreesWithMemoryAcrossChunkRefills) {
  // Longer than the reader's 64 KiB chunk, with quoted fields straddling refills.
  std::string text = "id,note\n";
  for (int i = 0; i < 5000; ++i)
    text += std::to_string(i) + ",\"note " + std::to_string(i) + ",\"\" with\nnewline\"\n";
  std::istringstream stream(text);
  RecordReader from_stream(stream, ',');
  const Rows rows = read_all(from_stream);
  EXPECT_EQ(rows, read_all(text));
  ASSERT_EQ(rows.size(), 5001u);
  EXPECT_EQ(rows[4000][1], "note 3999,\" with\nnewline");

  RecordCounter counter;
  counter.feed(text);
  EXPECT_EQ(counter.data_records(), rows.size() - 1);
}

}  // namespace
}  // namespace msync::csv
