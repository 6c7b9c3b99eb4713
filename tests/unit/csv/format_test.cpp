#include <gtest/gtest.h>

#include "csv/csv.hpp"

namespace msync::csv {
namespace {

TEST(CsvFormat, DelimitersAndNames) {
  EXPECT_EQ(delimiter(Format::csv), ',');
  EXPECT_EQ(delimiter(Format::tsv), '\t');
  EXPECT_EQ(delimiter(Format::ssv), ' ');
  EXPECT_EQ(extension(Format::tsv), "tsv");
  EXPECT_EQ(marketo_name(Format::ssv), "SSV");
}

TEST(CsvFormat, ParsesEitherCase) {
  EXPECT_EQ(parse_format("CSV"), Format::csv);
  EXPECT_EQ(parse_format("tsv"), Format::tsv);
  EXPECT_EQ(parse_format("Ssv"), Format::ssv);
  EXPECT_EQ(parse_format("json"), std::nullopt);
  EXPECT_EQ(parse_format(""), std::nullopt);
  EXPECT_EQ(parse_format("cs"), std::nullopt);
}

}  // namespace
}  // namespace msync::csv
