// Reading delimited import files and judging their rows.
#include <gtest/gtest.h>

#include "fake_marketo/sim/delimited.hpp"
#include "fake_marketo/sim/import_rows.hpp"
#include "fake_marketo/sim/import_run.hpp"

namespace fake {
namespace {

std::vector<std::vector<std::string>> cells(const DelimitedFile& f) {
  std::vector<std::vector<std::string>> out;
  for (const auto& r : f.rows) out.push_back(r.cells);
  return out;
}

TEST(DelimitedTest, QuotesLineBreaksAndBlankLines) {
  const auto f = parse_delimited("a,b\r\n\"x,1\",\"say \"\"hi\"\"\"\n\n\"multi\nline\",\r\n,\nlast,row", ',');
  EXPECT_EQ(f.error, "");
  EXPECT_EQ(cells(f), (std::vector<std::vector<std::string>>{
                          {"a", "b"}, {"x,1", "say \"hi\""}, {"multi\nline", ""}, {"", ""}, {"last", "row"}}));
  ASSERT_EQ(f.rows.size(), 5u);
  EXPECT_EQ(f.rows[1].line, 2u);
  EXPECT_EQ(f.rows[2].line, 4u);
  EXPECT_EQ(f.rows[4].line, 7u);
}

TEST(DelimitedTest, ByteOrderMarkLoneCrAndOtherDelimiters) {
  EXPECT_EQ(cells(parse_delimited("\xEF\xBB\xBF" "a\tb\rc\n", '\t')),
            (std::vector<std::vector<std::string>>{{"a", "b\rc"}}));
  EXPECT_EQ(cells(parse_delimited("a;\"b;c\";d", ';')), (std::vector<std::vector<std::string>>{{"a", "b;c", "d"}}));
  const auto bad = parse_delimited("a\n\"open\nstill", ',');
  EXPECT_EQ(bad.error, "unterminated quoted value starting on line 2");
  EXPECT_EQ(cells(bad), (std::vector<std::vector<std::string>>{{"a"}}));
}

TEST(DelimitedTest, RowsWrittenBackQuoteOnlyWhatNeedsIt) {
  std::string out;
  append_row({"plain", "", "a,b", "say \"hi\"", "two\nlines", "tab\there"}, ',', out);
  EXPECT_EQ(out, "plain,,\"a,b\",\"say \"\"hi\"\"\",\"two\nlines\",tab\there\n");
  out.clear();
  append_row({"a,b", "tab\there"}, '\t', out);
  EXPECT_EQ(out, "a,b\t\"tab\there\"\n");
}

TEST(ImportRowsTest, DisplayNamesAsMarketoShowsThem) {
  EXPECT_EQ(display_name("leadScore"), "Lead Score");
  EXPECT_EQ(display_name("id"), "Id");
  EXPECT_EQ(display_name("firstName"), "First Name");
  EXPECT_EQ(display_name("createdAt"), "Created At");
  EXPECT_EQ(display_name("email"), "Email");
}

TEST(ImportRowsTest, EmailPlausibility) {
  for (const char* ok : {"Joanna@Lannister.com", "a.b+c@sub.example.org", "x@y.co"})
    EXPECT_TRUE(plausible_email(ok)) << ok;
  for (const char* bad : {"INVALID_EMAIL", "@x.com", "a@", "a@b", "a@.com", "a@b.", "a@@b.com", "a b@c.com",
                          "a@b.com,", ""})
    EXPECT_FALSE(plausible_email(bad)) << bad;
}

TEST(ImportRowsTest, ValuesMustFitTheirFieldTypes) {
  const auto header = check_header({"email", "id", "leadScore", "createdAt", "phone", "title"});
  ASSERT_TRUE(std::holds_alternative<ImportColumns>(header));
  const auto& columns = std::get<ImportColumns>(header);
  auto verdict = [&](std::vector<std::string> row) {
    const RowVerdict v = check_row(columns, row);
    return v.failure.empty() ? (v.warning.empty() ? std::string("ok") : "warn: " + v.warning) : "fail: " + v.failure;
  };
  EXPECT_EQ(verdict({"a@b.com", "12", "-3", "2024-01-01T10:00:00Z", "+1 555", "CEO"}), "ok");
  EXPECT_EQ(verdict({"a@b.com", "", "", "", "", ""}), "ok");
  EXPECT_EQ(verdict({"a@b.com", "", "+7", "2024-06-30", "", ""}), "ok");
  EXPECT_EQ(verdict({"a@b.com", "1x", "", "", "", ""}), "fail: Invalid data type in field Id");
  EXPECT_EQ(verdict({"a@b.com", "", "99999999999999999999", "", "", ""}), "fail: Invalid data type in field Lead Score");
  EXPECT_EQ(verdict({"a@b.com", "", "", "2024-13-01", "", ""}), "fail: Invalid data type in field Created At");
  EXPECT_EQ(verdict({"nope", "", "x", "", "", ""}), "fail: Invalid data type in field Lead Score");  // failing wins
  EXPECT_EQ(verdict({"nope", "", "", "", "", ""}), "warn: Invalid email address");
  EXPECT_EQ(verdict({"", "", "", "", "", ""}), "fail: Missing email address");
  EXPECT_EQ(verdict({"a@b.com"}), "fail: Invalid number of fields: 1 in the row, 6 in the header");
}

TEST(ImportRowsTest, MessagesFollowTheSeedsWording) {
  EXPECT_EQ(import_message(8, 8, 0, 0), "Import succeeded, 8 records imported (8 members)");
  EXPECT_EQ(import_message(0, 0, 1, 0), "Import completed with errors, 0 records imported (0 members), 1 failed");
  EXPECT_EQ(import_message(1, 1, 0, 1), "Import succeeded, 1 records imported (1 members), 1 warning.");
  EXPECT_EQ(import_message(3, 2, 2, 2), "Import completed with errors, 3 records imported (2 members), 2 failed, 2 warnings.");
}

}  // namespace
}  // namespace fake
