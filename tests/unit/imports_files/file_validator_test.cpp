// The whole-file, header and record checks of validate_import_file, with the exact reason text.
#include <gtest/gtest.h>

#include <filesystem>
#include <string>

#include "imports/quick_validation.hpp"
#include "staging/staging.hpp"
#include "test_files.hpp"

namespace msync::imports {
namespace {

using csv::Format;
using testing::kLannister;

class Validator : public ::testing::Test, public testing::ValidatorFixture {};

TEST(Rejection, DescribesWhere) {
  EXPECT_EQ((Rejection{"bad", 3, 7}).describe(), "line 3, column 7: bad");
  EXPECT_EQ((Rejection{"bad", 3, 0}).describe(), "line 3: bad");
  EXPECT_EQ((Rejection{"bad", 0, 0}).describe(), "bad");
}

TEST_F(Validator, SeedLannisterFileIsValid) {
  const auto path = dir() / "Lead-House-Lannister.csv";
  testing::write_file(path, kLannister);
  const Validation validation = validate_import_file(path, Format::csv, testing::seed_fields());
  ASSERT_TRUE(std::holds_alternative<ValidatedFile>(validation)) << testing::verdict(validation);
  const auto& file = std::get<ValidatedFile>(validation);
  EXPECT_EQ(file.header, (std::vector<std::string>{"firstName", "lastName", "email", "title",
                                                   "company", "leadScore"}));
  EXPECT_EQ(file.records, 8u);
  EXPECT_EQ(file.bytes, kLannister.size());
  auto sha256 = staging::sha256_of_file(path);
  ASSERT_TRUE(sha256.ok());
  EXPECT_EQ(file.sha256, *sha256);
}

TEST_F(Validator, SeedTargaryenFilesAreValid) {
  // Their values fail or warn inside Marketo, but the files themselves are well formed.
  EXPECT_EQ(check(testing::kTargaryenBadScore), "valid: 1 records");
  EXPECT_EQ(check(testing::kTargaryenBadEmail), "valid: 1 records");
}

TEST_F(Validator, SemicolonAndTabSeparated) {
  EXPECT_EQ(check("email;firstName\na@x.com;Ann\n\"b;c@x.com\";\"Bo, Jr\"\n", Format::ssv),
            "valid: 2 records");
  EXPECT_EQ(check("email\tfirstName\na@x.com\tAnn, Jr\n\"b@x.com\"\t\"Bo\tJr\"\n", Format::tsv),
            "valid: 2 records");
}

TEST_F(Validator, QuotedDelimitersNewlinesAndQuotes) {
  EXPECT_EQ(check("email,firstName,company\n"
                  "a@x.com,\"Ann, Jr\",\"Two\nlines\"\n"
                  "b@x.com,\"Bo \"\"B\"\"\",\"CRLF\r\ninside\"\n"
                  "c@x.com,null,\"\"\n"),
            "valid: 3 records");
}

TEST_F(Validator, LineEndsAndCase) {
  EXPECT_EQ(check("email,firstName\r\na@x.com,Ann\r\n"), "valid: 1 records");
  EXPECT_EQ(check("email,firstName\na@x.com,Ann"), "valid: 1 records");  // no final newline
  EXPECT_EQ(check("EMAIL,FirstName,LEADSCORE\na@x.com,Ann,1\n"), "valid: 1 records");
  EXPECT_EQ(check("email\na@x.com\n"), "valid: 1 records");  // one column is fine
}

TEST_F(Validator, WholeFileProblems) {
  EXPECT_EQ(check(""), "the file is empty (0 bytes)");
  EXPECT_EQ(check("email,firstName\n"), "the file has a header row but no records");
  EXPECT_EQ(check("email,firstName"), "the file has a header row but no records");
  EXPECT_EQ(testing::verdict(validate_import_file(dir() / "missing.csv", Format::csv, testing::seed_fields())),
            "cannot open the file: No such file or directory");
  std::filesystem::create_directory(dir() / "folder.csv");
  EXPECT_EQ(testing::verdict(validate_import_file(dir() / "folder.csv", Format::csv, testing::seed_fields())),
            "cannot read the file: it is not a regular file");
}

TEST_F(Validator, HeaderProblems) {
  EXPECT_EQ(check("firstName,lastName\nAnn,Lee\n"), "line 1: no email column in the header");
  EXPECT_EQ(check("firstName,emial,lastName\nAnn,a@x.com,Lee\n"),
            "line 1, column 11: unknown field \"emial\" in the header (did you mean \"email\"?)");
  EXPECT_EQ(check("email,favouriteColour\na@x.com,red\n"),
            "line 1, column 7: unknown field \"favouriteColour\" in the header");
  EXPECT_EQ(check("email,firstName,Email\na@x.com,Ann,b@x.com\n"),
            "line 1, column 17: duplicate field \"Email\" in the header (field 1 is \"email\")");
  EXPECT_EQ(check("email,,firstName\na@x.com,,Ann\n"),
            "line 1, column 7: empty field name in the header");
  EXPECT_EQ(check("\nemail\na@x.com\n"), "line 1: the header row is empty");
  EXPECT_EQ(check("emailaddress\na@x.com\n"),
            "line 1, column 1: unknown field \"emailaddress\" in the header");
}

TEST_F(Validator, RaggedRowsAndEmptyLines) {
  EXPECT_EQ(check("email,firstName\na@x.com,Ann\nb@x.com,Bo,extra\n"),
            "line 3: row has 3 columns, the header 2");
  EXPECT_EQ(check("email,firstName\na@x.com\n"), "line 2: row has 1 column, the header 2");
  // Lines are the file's lines: a quoted newline moves the next record down one.
  EXPECT_EQ(check("email,firstName\n\"a\nb@x.com\",Ann\nc@x.com\n"),
            "line 4: row has 1 column, the header 2");
  EXPECT_EQ(check("email,firstName\na@x.com,Ann\n\nb@x.com,Bo\n"),
            "line 3: empty line (blank lines are not allowed, not even at the end)");
  EXPECT_EQ(check("email,firstName\na@x.com,Ann\n\n"),
            "line 3: empty line (blank lines are not allowed, not even at the end)");
  EXPECT_EQ(check("email\na@x.com\r\n\r\nb@x.com\r\n"),
            "line 3: empty line (blank lines are not allowed, not even at the end)");
  // A quoted empty value is a value.
  EXPECT_EQ(check("email\na@x.com\n\"\"\n"), "valid: 2 records");
}

TEST_F(Validator, MalformedQuoting) {
  EXPECT_EQ(check("email,firstName\na@x.com,An\"n\n"),
            "line 2, column 11: quote in an unquoted field (such fields must be quoted, the quote "
            "doubled)");
  EXPECT_EQ(check("email,firstName\na@x.com,\"Ann\nb@x.com,Bo\n"),
            "line 2, column 9: quoted field is not closed before the end of the input");
  EXPECT_EQ(check("email,firstName\na@x.com,\"Ann\"x\n"),
            "line 2, column 14: 'x' after a closing quote (expected a delimiter or a line end)");
}

TEST_F(Validator, WrongDelimiter) {
  EXPECT_EQ(check("email;firstName\na@x.com;Ann\n"),
            "line 1: the header is one column \"email;firstName\"; it looks semicolon-separated "
            "(ssv), but this import's format is csv");
  EXPECT_EQ(check("email,firstName,lastName\na@x.com,Ann,Lee\n", Format::ssv),
            "line 1: the header is one column \"email,firstName,lastName\"; it looks "
            "comma-separated (csv), but this import's format is ssv");
  EXPECT_EQ(check("email\tfirstName\na@x.com\tAnn\n", Format::csv),
            "line 1: the header is one column \"email\tfirstName\"; it looks tab-separated (tsv), "
            "but this import's format is csv");
  EXPECT_EQ(check("email firstName\na@x.com Ann\n", Format::ssv),
            "line 1: the header is one column \"email firstName\"; it looks space-separated (as "
            "Marketo's export SSV; an import's SSV uses semicolons), but this import's format is "
            "ssv");
  // Quoted names do not even parse with the wrong delimiter: the reader's complaint, plus the hint.
  EXPECT_EQ(check("\"email\";\"firstName\"\n\"a@x.com\";\"Ann\"\n"),
            "line 1, column 8: ';' after a closing quote (expected a delimiter or a line end); "
            "the header looks semicolon-separated (ssv), but this import's format is csv");
  // One known name is not enough to call it another format.
  EXPECT_EQ(check("email;shoeSize\na@x.com;9\n"),
            "line 1, column 1: unknown field \"email;shoeSize\" in the header");
}

TEST_F(Validator, LongOneColumnHeaderIsCut) {
  std::string header = "email;firstName;lastName";
  while (header.size() < 100) header += ";company";
  EXPECT_EQ(check(header + "\nx\n"),
            "line 1: the header is one column \"" + header.substr(0, 60) +
                "...\"; it looks semicolon-separated (ssv), but this import's format is csv");
}

TEST_F(Validator, WithoutCatalogOnlyEmailAndDuplicatesAreChecked) {
  const FieldCatalog none;
  EXPECT_EQ(check("email,anything\na@x.com,b\n", Format::csv, none), "valid: 1 records");
  EXPECT_EQ(check("anything\nx\n", Format::csv, none), "line 1: no email column in the header");
  EXPECT_EQ(check("email,x,X\na,b,c\n", Format::csv, none),
            "line 1, column 9: duplicate field \"X\" in the header (field 2 is \"x\")");
  EXPECT_EQ(check("email;whatever\na;b\n", Format::csv, none),
            "line 1: the header is one column \"email;whatever\"; it looks semicolon-separated "
            "(ssv), but this import's format is csv");
}

// The quick path (csv::ShapeCheck) vouches for exactly the files the record-by-record path
// accepts, with the same header, count, size and digest, and declines every file it rejects.
TEST_F(Validator, TheQuickPathVouchesForExactlyWhatTheExactPathAccepts) {
  std::string long_valid = "email,firstName,company\r\n";
  for (int i = 0; i < 5000; ++i)
    long_valid += i % 8 ? "a@x.com,Ann,Globex\r\n" : "b@x.com,\"Zo\xc3\xab\",\"Acme, \"\"Inc.\"\"\nEMEA\"\r\n";
  const std::string contents[] = {
      std::string(kLannister), long_valid, long_valid + "a@x.com,Ann\r\n", long_valid + "\r\n",
      long_valid + "a@x.com,Ann,\"open\r\n", long_valid + "a@x.com,A\"nn,x\r\n",
      long_valid + "a@x.com,Ann,caf\xe9\r\n", "\xef\xbb\xbf" + long_valid, "\"email\",\"firstName\"\na,b\n",
      "email,firstName\na@x.com,Ann", "email,firstName\n", "email,shoeSize\na,9\n", "email\na@x.com\n\"\"\n",
      "email,firstName\na@x.com,Ann\r", "email,firstName\na@x.com,Ann\n\n", ""};
  for (const std::string& content : contents) {
    const auto path = dir() / "in.csv";
    testing::write_file(path, content);
    const Validation exact = validate_import_file_exactly(path, Format::csv, testing::seed_fields());
    const auto quick = validate_quickly(path, Format::csv, testing::seed_fields(), kMaxImportBytes);
    const std::string shown = content.substr(0, 60);
    if (const auto* accepted = std::get_if<ValidatedFile>(&exact)) {
      ASSERT_TRUE(quick.has_value()) << shown;
      EXPECT_EQ(quick->header, accepted->header) << shown;
      EXPECT_EQ(quick->records, accepted->records) << shown;
      EXPECT_EQ(quick->bytes, content.size()) << shown;
      EXPECT_EQ(quick->sha256, *staging::sha256_of_file(path)) << shown;
    } else {
      EXPECT_FALSE(quick.has_value()) << shown << ": " << testing::verdict(exact);
    }
  }
}

}  // namespace
}  // namespace msync::imports
