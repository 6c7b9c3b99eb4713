#include <gtest/gtest.h>

#include "imports/imports.hpp"

namespace msync::imports {
namespace {

FieldCatalog catalog() {
  return FieldCatalog({"email", "firstName", "lastName", "leadScore", "id", "company", "Company"});
}

TEST(FieldCatalog, KnowsNamesIgnoringCase) {
  const FieldCatalog fields = catalog();
  EXPECT_TRUE(fields.knows("email"));
  EXPECT_TRUE(fields.knows("EMAIL"));
  EXPECT_TRUE(fields.knows("firstname"));
  EXPECT_TRUE(fields.knows("FirstName"));
  EXPECT_FALSE(fields.knows("first Name"));
  EXPECT_FALSE(fields.knows(""));
  EXPECT_EQ(fields.size(), 6u);  // "company" and "Company" are one name
  EXPECT_FALSE(fields.empty());
  EXPECT_TRUE(FieldCatalog().empty());
  EXPECT_FALSE(FieldCatalog().knows("email"));
}

TEST(FieldCatalog, SuggestsTheDescribedSpelling) {
  const FieldCatalog fields = catalog();
  EXPECT_EQ(fields.closest("emial"), "email");        // a transposition is one edit
  EXPECT_EQ(fields.closest("FIRSTNAME"), "firstName");  // case only
  EXPECT_EQ(fields.closest("firstNme"), "firstName");
  EXPECT_EQ(fields.closest("lead_score"), "leadScore");
  EXPECT_EQ(fields.closest("leedScor"), "leadScore");  // two edits
  EXPECT_EQ(fields.closest("companny"), "company");    // the first spelling given
}

TEST(FieldCatalog, NoSuggestionWhenNothingIsClose) {
  const FieldCatalog fields = catalog();
  EXPECT_EQ(fields.closest("leadSource"), std::nullopt);
  EXPECT_EQ(fields.closest("xx"), std::nullopt);  // two edits would turn "id" into anything short
  EXPECT_EQ(fields.closest("ix"), "id");
  EXPECT_EQ(fields.closest(""), std::nullopt);
  EXPECT_EQ(FieldCatalog().closest("email"), std::nullopt);
}

}  // namespace
}  // namespace msync::imports
