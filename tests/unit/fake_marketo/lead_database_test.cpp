// The seeded database: a pure function of (seed, id), within its time span, with the values that
// make quoting matter, and lists with deterministic membership.
#include <gtest/gtest.h>

#include "fake_marketo/sim/lead_database.hpp"

namespace fake {
namespace {

TEST(SimLeadDatabaseTest, SchemaNamesAndTypes) {
  const auto& s = lead_schema();
  ASSERT_EQ(s.size(), 12u);
  EXPECT_STREQ(s[0].name, "id");
  EXPECT_EQ(s[0].type, FieldType::integer);
  EXPECT_STREQ(s[1].name, "email");
  EXPECT_EQ(s[1].type, FieldType::email);
  EXPECT_STREQ(s[6].name, "leadScore");
  EXPECT_EQ(s[6].type, FieldType::integer);
  EXPECT_STREQ(s[7].name, "phone");
  EXPECT_EQ(s[7].type, FieldType::phone);
  EXPECT_STREQ(s[10].name, "createdAt");
  EXPECT_EQ(s[11].type, FieldType::datetime);
  for (std::size_t i = 0; i < s.size(); ++i) EXPECT_EQ(LeadDatabase::find_field(s[i].name), Field(i));
}

TEST(SimLeadDatabaseTest, LeadIsAPureFunctionOfSeedAndId) {
  DataOptions small;
  small.leads = 10;
  DataOptions big = small;
  big.leads = 5000000;
  for (const auto& f : lead_schema())
    for (std::uint64_t id = 1; id <= 10; ++id) EXPECT_EQ(lead_value(small, id, f.name), lead_value(big, id, f.name));
  DataOptions other = small;
  other.seed = 99;
  int differ = 0;
  for (std::uint64_t id = 1; id <= 10; ++id) differ += lead_value(small, id, "createdAt") != lead_value(other, id, "createdAt");
  EXPECT_GT(differ, 5);
  EXPECT_EQ(lead_value(small, 11, "id"), std::nullopt);
  EXPECT_EQ(lead_value(small, 0, "id"), std::nullopt);
  EXPECT_EQ(lead_value(small, 1, "nope"), std::nullopt);
  EXPECT_EQ(lead_value(small, 3, "id"), "3");
}

TEST(SimLeadDatabaseTest, TimesStayWithinTheSpan) {
  DataOptions data;
  data.leads = 20000;
  data.span_days = 30;
  const LeadDatabase db(data);
  const std::int64_t epoch = 1704067200;
  const std::int64_t end = epoch + 30LL * 86400;
  for (std::uint64_t id = 1; id <= data.leads; ++id) {
    const std::int64_t c = db.created_at(id), u = db.updated_at(id);
    ASSERT_GE(c, epoch);
    ASSERT_LT(c, end);
    ASSERT_GE(u, c);
    ASSERT_LT(u, end);
  }
  std::string s;
  append_iso8601(epoch, s);
  EXPECT_EQ(s, "2024-01-01T00:00:00Z");
  s.clear();
  append_iso8601(951782400 + 86399, s);  // a leap day
  EXPECT_EQ(s, "2000-02-29T23:59:59Z");
}

TEST(SimLeadDatabaseTest, SomeValuesAreEmptyOrNeedQuotes) {
  DataOptions data;
  data.leads = 20000;
  const LeadDatabase db(data);
  std::map<char, int> special;
  int empty = 0;
  for (std::uint64_t id = 1; id <= data.leads; ++id) {
    for (int f = 0; f < int(Field::count_); ++f) {
      std::string v;
      db.append_value(id, Field(f), v);
      empty += v.empty();
      for (char c : std::string(",\"\t\n\r ")) special[c] += v.find(c) != std::string::npos;
    }
  }
  EXPECT_GT(empty, 100);
  for (char c : std::string(",\"\t\n\r ")) EXPECT_GT(special[c], 3) << int(c);
}

TEST(SimLeadDatabaseTest, ListsHaveDeterministicMembership) {
  DataOptions data;
  data.leads = 3000;
  const LeadDatabase db(data);
  std::map<std::int64_t, int> members;
  for (std::uint64_t id = 1; id <= data.leads; ++id) {
    for (const auto& l : lead_lists()) members[l.id] += *db.in_list(id, l.id);
    std::string score;
    db.append_value(id, Field::lead_score, score);
    EXPECT_EQ(*db.in_list(id, 2001), !score.empty() && std::stoi(score) >= 70);
    EXPECT_EQ(lead_in_list(data, id, 1001), db.in_list(id, 1001));
  }
  EXPECT_NEAR(members[1001], 300, 80);
  EXPECT_NEAR(members[1002], 1000, 150);
  EXPECT_EQ(members[1003], 0);
  EXPECT_GT(members[2001], 500);
  EXPECT_GT(members[2002], 1000);
  EXPECT_EQ(db.in_list(1, 4242), std::nullopt);
  EXPECT_STREQ(LeadDatabase::find_list(1001)->name, "VIP");
  EXPECT_EQ(LeadDatabase::find_list("Engaged", true)->id, 2001);
  EXPECT_EQ(LeadDatabase::find_list("Engaged", false), nullptr);
}

}  // namespace
}  // namespace fake
