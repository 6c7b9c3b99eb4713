// A 35 MB import file split into parts under Marketo's 10 MB that put back together give the
// original records, byte for byte.
#include <gtest/gtest.h>

#include <string>

#include <fmt/format.h>

#include "test_files.hpp"

namespace msync::imports {
namespace {

constexpr std::string_view kHeader = "email,firstName,lastName,company,leadScore\r\n";

// Plain records, quoted commas and quotes, quoted newlines (LF and CRLF) and non-ASCII names.
std::string generate(std::uint64_t at_least, std::uint64_t& records) {
  std::string content(kHeader);
  content.reserve(at_least + 256);
  records = 0;
  while (content.size() < at_least) {
    const std::string n = std::to_string(records);
    content += "user" + n + "@example.com,";
    switch (records % 4) {
      case 0: content += "Ann,Lee,Acme Corp," + n + "\r\n"; break;
      case 1: content += "\"Bo, Jr\",\"O\"\"Neil\",\"Two\nlines\"," + n + "\r\n"; break;
      case 2: content += "Zo\xc3\xab,\xe5\xb1\xb1\xe7\x94\xb0,\"CR\r\nLF\",0\r\n"; break;
      default: content += "null,null,null,null\r\n"; break;
    }
    ++records;
  }
  return content;
}

TEST(LargeImportFile, SplitsUnderTenMegabytes) {
  testing::TempDir dir;
  std::uint64_t records = 0;
  const std::string content = generate(35'000'000, records);
  testing::write_file(dir / "big.csv", content);

  auto parts = split_import_file(dir / "big.csv", csv::Format::csv, kMaxImportBytes, dir / "parts");
  ASSERT_TRUE(parts.ok()) << parts.error().message;
  ASSERT_EQ(parts->size(), 4u);
  std::string joined;
  joined.reserve(content.size());
  std::uint64_t counted = 0;
  for (std::size_t i = 0; i < parts->size(); ++i) {
    const FilePart& part = (*parts)[i];
    EXPECT_EQ(part.path, dir / "parts" / fmt::format("part-{:03}.csv", i + 1));
    const std::string bytes = testing::read_file(part.path);
    EXPECT_LT(bytes.size(), kMaxImportBytes);
    EXPECT_EQ(bytes.size(), part.bytes);
    ASSERT_EQ(bytes.substr(0, kHeader.size()), kHeader);
    // Whole records only: the part ends at a record boundary.
    csv::RecordCounter counter;
    counter.feed(bytes);
    EXPECT_EQ(counter.data_records(), part.records);
    EXPECT_TRUE(counter.at_record_boundary());
    joined.append(bytes, kHeader.size());
    counted += part.records;
  }
  EXPECT_EQ(counted, records);
  EXPECT_TRUE(joined == std::string_view(content).substr(kHeader.size()));  // no 35 MB diff on failure
  // Parts are filled: only the last may be much smaller than the limit.
  for (std::size_t i = 0; i + 1 < parts->size(); ++i)
    EXPECT_GT((*parts)[i].bytes, kMaxImportBytes - 200);
  // A part is an import file of its own (the last one, the smallest, stands for all: validating
  // 35 MB at -O0 takes a while).
  const Validation last = validate_import_file(parts->back().path, csv::Format::csv,
                                               testing::seed_fields());
  ASSERT_TRUE(std::holds_alternative<ValidatedFile>(last)) << testing::verdict(last);
  EXPECT_EQ(std::get<ValidatedFile>(last).records, parts->back().records);
}

}  // namespace
}  // namespace msync::imports
