// Range header arithmetic (RFC 9110 single byte ranges).
#include <gtest/gtest.h>

#include "fake_marketo/sim/http_parts.hpp"

namespace fake {
namespace {

using Kind = RangeAnswer::Kind;

void expect_partial(const char* header, std::uint64_t total, std::uint64_t first, std::uint64_t last) {
  const RangeAnswer r = resolve_range(std::string_view(header), total);
  EXPECT_EQ(r.kind, Kind::partial) << header;
  EXPECT_EQ(r.first, first) << header;
  EXPECT_EQ(r.last, last) << header;
}

Kind kind_of(const char* header, std::uint64_t total) { return resolve_range(std::string_view(header), total).kind; }

TEST(SimByteRangeTest, ClosedRanges) {
  expect_partial("bytes=0-0", 100, 0, 0);
  expect_partial("bytes=0-99", 100, 0, 99);
  expect_partial("bytes=10-19", 100, 10, 19);
  expect_partial("bytes=90-1000", 100, 90, 99);  // end clamped to the last byte
  expect_partial("  bytes=3 - 4 ", 100, 3, 4);
  expect_partial("Bytes=3-4", 100, 3, 4);
}

TEST(SimByteRangeTest, OpenAndSuffixRanges) {
  expect_partial("bytes=40-", 100, 40, 99);
  expect_partial("bytes=99-", 100, 99, 99);
  expect_partial("bytes=-1", 100, 99, 99);
  expect_partial("bytes=-30", 100, 70, 99);
  expect_partial("bytes=-100", 100, 0, 99);
  expect_partial("bytes=-500", 100, 0, 99);
}

TEST(SimByteRangeTest, Unsatisfiable) {
  EXPECT_EQ(kind_of("bytes=100-", 100), Kind::unsatisfiable);
  EXPECT_EQ(kind_of("bytes=100-200", 100), Kind::unsatisfiable);
  EXPECT_EQ(kind_of("bytes=-0", 100), Kind::unsatisfiable);
  EXPECT_EQ(kind_of("bytes=0-", 0), Kind::unsatisfiable);
  EXPECT_EQ(kind_of("bytes=-5", 0), Kind::unsatisfiable);
}

TEST(SimByteRangeTest, IgnoredHeadersServeTheWholeFile) {
  EXPECT_EQ(resolve_range(std::nullopt, 100).kind, Kind::whole);
  for (const char* h : {"", "bytes", "bytes=", "bytes=-", "items=0-5", "bytes=5-3", "bytes=a-b",
                        "bytes=0-1,5-6", "bytes=99999999999999999999999-"})
    EXPECT_EQ(kind_of(h, 100), Kind::whole) << h;
}

}  // namespace
}  // namespace fake
