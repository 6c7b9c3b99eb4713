// The byte-level checks of validate_import_file: binary data, UTF-8, the BOM, and which problem is
// reported when the text check and the parser both find one.
#include <gtest/gtest.h>

#include <algorithm>
#include <random>
#include <string>

#include "imports/text_checker.hpp"
#include "test_files.hpp"

namespace msync::imports {
namespace {

using namespace std::string_literals;

class TextChecks : public ::testing::Test, public testing::ValidatorFixture {};

const std::string kLatin1Reason =
    "does not start a well-formed character (save the file as UTF-8; Latin-1 and Windows-1252 are "
    "not accepted)";

TEST_F(TextChecks, BinaryData) {
  EXPECT_EQ(check("email,firstName\na@x.com,A\0nn\n"s),
            "line 2, column 10: binary data: a NUL byte (0x00)");
  EXPECT_EQ(check("email,firstName\na@x.com,A\x1bnn\n"s),
            "line 2, column 10: binary data: control byte 0x1b");
  EXPECT_EQ(check("email\na@x.com\x7f\n"s), "line 2, column 8: binary data: control byte 0x7f");
  // A gzip header, a PNG signature.
  EXPECT_EQ(check("\x1f\x8b\x08\x00\x00\x00"s), "line 1, column 1: binary data: control byte 0x1f");
  EXPECT_EQ(check("\x89PNG\r\n\x1a\n"s), "line 1, column 1: invalid UTF-8: byte 0x89 " + kLatin1Reason);
}

TEST_F(TextChecks, InvalidUtf8AtTheSequenceStart) {
  EXPECT_EQ(check("email,firstName\na@x.com,Ren\xe9\n"), "line 2, column 12: invalid UTF-8: byte 0xe9 " + kLatin1Reason);
  EXPECT_EQ(check("email\na@x\x80.com\n"), "line 2, column 4: invalid UTF-8: byte 0x80 " + kLatin1Reason);
  EXPECT_EQ(check("email\na\xc0\xaf\n"), "line 2, column 2: invalid UTF-8: byte 0xc0 " + kLatin1Reason);  // overlong '/'
  EXPECT_EQ(check("email\na\xe0\x80\x80\n"), "line 2, column 2: invalid UTF-8: byte 0xe0 " + kLatin1Reason);
  EXPECT_EQ(check("email\na\xed\xa0\x80\n"), "line 2, column 2: invalid UTF-8: byte 0xed " + kLatin1Reason);  // surrogate
  EXPECT_EQ(check("email\na\xf4\x90\x80\x80\n"), "line 2, column 2: invalid UTF-8: byte 0xf4 " + kLatin1Reason);  // > U+10FFFF
  EXPECT_EQ(check("email\na\xf5\x80\x80\x80\n"), "line 2, column 2: invalid UTF-8: byte 0xf5 " + kLatin1Reason);
  // Cut short by the end of the file.
  EXPECT_EQ(check("email\na@x.com\xe2\x82"), "line 2, column 8: invalid UTF-8: byte 0xe2 " + kLatin1Reason);
}

TEST_F(TextChecks, WellFormedUtf8IsAccepted) {
  EXPECT_EQ(check("email,firstName,lastName\n"
                  "taro@x.jp,\xe5\xa4\xaa\xe9\x83\x8e,\xe5\xb1\xb1\xe7\x94\xb0\n"       // 太郎,山田
                  "zoe@x.de,Zo\xc3\xab,\xf0\x9f\x98\x80\n"                              // Zoë, 😀
                  "max@x.de,\xed\x9f\xbf,\xf4\x8f\xbf\xbf\n"),                          // U+D7FF, U+10FFFF
            "valid: 3 records");
}

TEST_F(TextChecks, ByteOrderMarkIsRefused) {
  EXPECT_EQ(check("\xef\xbb\xbf" "email\na@x.com\n"),
            "line 1, column 1: the file starts with a UTF-8 byte order mark (BOM); save it as UTF-8 "
            "without a BOM");
  // U+FEFF later on is just a character.
  EXPECT_EQ(check("email,firstName\na@x.com,\xef\xbb\xbf" "Ann\n"), "valid: 1 records");
}

TEST_F(TextChecks, TheProblemTheParserNoticesFirstWins) {
  // A ragged row before the junk.
  EXPECT_EQ(check("email,firstName\na@x.com\nb@x.com,\0\n"s),
            "line 2: row has 1 column, the header 2");
  // Junk on a line the parser read whole: the junk, not the column count.
  EXPECT_EQ(check("email,firstName\na@x.com\0\n"s), "line 2, column 8: binary data: a NUL byte (0x00)");
  // A quote problem before the junk on its line, and after it.
  EXPECT_EQ(check("email\na\"b\0\n"s),
            "line 2, column 2: quote in an unquoted field (such fields must be quoted, the quote "
            "doubled)");
  EXPECT_EQ(check("email\n\0a\"b\n"s), "line 2, column 1: binary data: a NUL byte (0x00)");
  EXPECT_EQ(check("email\n\"a\"\xbb\n"), "line 2, column 4: invalid UTF-8: byte 0xbb " + kLatin1Reason);
  // Junk in the header beats an unknown name before it.
  EXPECT_EQ(check("email,shoeSize,\xff\na,b,c\n"), "line 1, column 16: invalid UTF-8: byte 0xff " + kLatin1Reason);
}

TEST_F(TextChecks, JunkInsideAnUnclosedQuoteIsReportedAsJunk) {
  EXPECT_EQ(check("email,firstName\na@x.com,\"Ann\0\nb@x.com,Bo\n"s),
            "line 2, column 13: binary data: a NUL byte (0x00)");
  // The same in a file of many chunks: the check stops reading soon after the junk.
  std::string big = "email,firstName\na@x.com,\"Ann\0\n"s;
  while (big.size() < 3'000'000) big += "b@x.com,Bo\n";
  EXPECT_EQ(check(big), "line 2, column 13: binary data: a NUL byte (0x00)");
}

TEST_F(TextChecks, JunkFarIntoALargeFileIsFound) {
  std::string big = "email,firstName\n";
  std::uint64_t line = 1;
  while (big.size() < 2'000'000) {
    big += "b@x.com,\"Bo\nBo\"\n";
    line += 2;
  }
  big += "c@x.com,\xc3(\n";
  EXPECT_EQ(check(big), "line " + std::to_string(line + 1) + ", column 9: invalid UTF-8: byte 0xc3 " + kLatin1Reason);
}

TEST_F(TextChecks, ARecordTooLongForAnyImportIsCutOff) {
  // Read only so far: a record this long could never be sent, so it is not held whole in memory.
  std::string big = "email,firstName\na@x.com,Ann\nb@x.com,\"";
  big.append(10'400'000, 'x');
  big += "\"\n";
  EXPECT_EQ(check(big),
            "line 3: a record of more than 10 MB: an import file must be under 10 MB, so it can "
            "never be sent");
  // Binary junk inside it is still reported as such.
  big[200'000] = '\0';
  EXPECT_EQ(check(big), "line 3, column 199973: binary data: a NUL byte (0x00)");
}

// The plain-byte fast path takes sixteen bytes at a time: wherever a bad byte falls among line
// ends, tabs, CRs and UTF-8 characters, and however the file is cut into chunks, its line and
// column are the ones counted byte by byte.
TEST(TextChecker, ABadByteIsPlacedExactlyWhereverItFalls) {
  std::mt19937 random(42);
  const std::string pieces[] = {"a", "b", " ", ",", "\t", "\r", "\n", "\xc3\xa9", "0123456789abcdef"};
  for (int round = 0; round < 3000; ++round) {
    std::string text;
    const std::size_t count = random() % 80;
    for (std::size_t i = 0; i < count; ++i) text += pieces[random() % std::size(pieces)];
    const std::size_t bad_at = text.size();
    text += '\x01';
    for (std::size_t i = random() % 40; i > 0; --i) text += pieces[random() % std::size(pieces)];
    const std::string_view before = std::string_view(text).substr(0, bad_at);
    const std::uint64_t line = 1 + static_cast<std::uint64_t>(std::count(before.begin(), before.end(), '\n'));
    const std::size_t last_lf = before.rfind('\n');
    const std::uint64_t column = 1 + (last_lf == before.npos ? bad_at : bad_at - last_lf - 1);

    TextChecker checker;
    for (std::size_t at = 0; at < text.size();) {
      const std::size_t n = std::min<std::size_t>(text.size() - at, 1 + random() % 50);
      checker.feed(std::string_view(text).substr(at, n));
      at += n;
    }
    checker.finish();
    ASSERT_TRUE(checker.problem().has_value()) << ::testing::PrintToString(text);
    EXPECT_EQ(checker.problem()->line, line) << ::testing::PrintToString(text);
    ASSERT_EQ(checker.problem()->column, column) << ::testing::PrintToString(text);
  }
}

}  // namespace
}  // namespace msync::imports
