#include <gtest/gtest.h>

#include <string>

#include "staging/staging.hpp"
#include "test_files.hpp"

namespace msync::staging {
namespace {

using imports::testing::TempDir;
using imports::testing::write_file;

constexpr std::string_view kEmpty =
    "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";
constexpr std::string_view kAbc =  // FIPS 180-2 test vector
    "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad";

std::span<const char> bytes(std::string_view s) { return {s.data(), s.size()}; }

TEST(Sha256, EmptyAndFipsVector) {
  Sha256 digest;
  EXPECT_EQ(digest.hex(), kEmpty);
  digest.update(bytes("abc"));
  EXPECT_EQ(digest.hex(), kAbc);
}

TEST(Sha256, PiecesHashLikeTheWholeAndHexDoesNotEndTheDigest) {
  Sha256 digest;
  digest.update(bytes("a"));
  EXPECT_NE(digest.hex(), kAbc);
  digest.update(bytes(""));
  digest.update(bytes("bc"));
  EXPECT_EQ(digest.hex(), kAbc);
  EXPECT_EQ(digest.hex(), kAbc);  // asking twice changes nothing
}

TEST(Sha256, ResetStartsOverAndMovesKeepTheState) {
  Sha256 digest;
  digest.update(bytes("xyz"));
  digest.reset();
  EXPECT_EQ(digest.hex(), kEmpty);
  digest.update(bytes("ab"));
  Sha256 moved(std::move(digest));
  moved.update(bytes("c"));
  EXPECT_EQ(moved.hex(), kAbc);
  Sha256 assigned;
  assigned = std::move(moved);
  EXPECT_EQ(assigned.hex(), kAbc);
}

TEST(Sha256, OfFileReadsItWhole) {
  TempDir dir;
  write_file(dir / "abc", "abc");
  auto digest = sha256_of_file(dir / "abc");
  ASSERT_TRUE(digest.ok()) << digest.error().message;
  EXPECT_EQ(*digest, kAbc);

  // Larger than one read chunk: the same as hashing it in memory.
  const std::string big(3 * (1 << 20) + 17, 'q');
  write_file(dir / "big", big);
  Sha256 expected;
  expected.update(bytes(big));
  auto big_digest = sha256_of_file(dir / "big");
  ASSERT_TRUE(big_digest.ok());
  EXPECT_EQ(*big_digest, expected.hex());
}

TEST(Sha256, OfMissingFileNamesIt) {
  TempDir dir;
  auto digest = sha256_of_file(dir / "nope.csv");
  ASSERT_FALSE(digest.ok());
  EXPECT_EQ(digest.error().message,
            "open " + (dir / "nope.csv").string() + ": No such file or directory");
}

}  // namespace
}  // namespace msync::staging
