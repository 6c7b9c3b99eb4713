// Rendering exactly as the seed shows: delimiters, quoting, null, header row, order and windows.
#include <gtest/gtest.h>

#include "fake_marketo/sim/export_renderer.hpp"
#include "fake_marketo/sim/lead_database.hpp"

namespace fake {
namespace {

std::string cell(std::string_view v, char d) {
  std::string out;
  append_cell(v, d, out);
  return out;
}

TEST(SimRenderTest, EmptyValueIsNull) {
  EXPECT_EQ(cell("", ','), "null");
  EXPECT_EQ(cell("", '\t'), "null");
  EXPECT_EQ(cell("", ' '), "null");
}

TEST(SimRenderTest, CsvQuotesCommaQuoteCrLf) {
  EXPECT_EQ(cell("Russell", ','), "Russell");
  EXPECT_EQ(cell("New York", ','), "New York");
  EXPECT_EQ(cell("Tab\tSeparated", ','), "Tab\tSeparated");
  EXPECT_EQ(cell("Acme, Inc.", ','), "\"Acme, Inc.\"");
  EXPECT_EQ(cell("The \"Best\"", ','), "\"The \"\"Best\"\"\"");
  EXPECT_EQ(cell("Line\nBreak", ','), "\"Line\nBreak\"");
  EXPECT_EQ(cell("Car\rReturn", ','), "\"Car\rReturn\"");
}

TEST(SimRenderTest, TsvQuotesTabsNotCommas) {
  EXPECT_EQ(cell("Acme, Inc.", '\t'), "Acme, Inc.");
  EXPECT_EQ(cell("Tab\tSeparated", '\t'), "\"Tab\tSeparated\"");
  EXPECT_EQ(cell("New York", '\t'), "New York");
  EXPECT_EQ(cell("a\"b", '\t'), "\"a\"\"b\"");
}

TEST(SimRenderTest, SsvQuotesSpaces) {
  EXPECT_EQ(cell("New York", ' '), "\"New York\"");
  EXPECT_EQ(cell("Acme,Inc.", ' '), "Acme,Inc.");
  EXPECT_EQ(cell("Line\nBreak", ' '), "\"Line\nBreak\"");
}

std::string body(const std::string& fields, const std::string& filter, const std::string& extra = {}) {
  return R"({"fields":)" + fields + extra + R"(,"filter":)" + filter + "}";
}

TEST(SimRenderTest, SeedNullExampleShape) {
  // The seed: "firstName,lastName,email,cookies" / "Russell,Wilson,null,_mch-…": empty email → null.
  DataOptions data;
  data.leads = 3000;
  const LeadDatabase db(data);
  std::uint64_t id = 0;
  for (std::uint64_t i = 1; i <= data.leads && !id; ++i) {
    std::string v;
    db.append_value(i, Field::email, v);
    if (v.empty()) id = i;
  }
  ASSERT_NE(id, 0u) << "some lead has no email";
  std::string created;
  append_iso8601(db.created_at(id), created);
  const auto r = expect(data, body(R"(["id","email"])", R"({"createdAt":{"startAt":")" + created +
                                                            R"(","endAt":")" + created + R"("}})"));
  ASSERT_EQ(r.error, "");
  EXPECT_NE(r.file.find("\n" + std::to_string(id) + ",null\n"), std::string::npos) << r.file;
}

TEST(SimRenderTest, HeaderRowUsesColumnHeaderNamesAndQuotesThem) {
  DataOptions data;
  data.leads = 50;
  const auto csv = expect(data, body(R"(["id","email","city"])", R"({"staticListId":1003})",
                                     R"(,"columnHeaderNames":{"id":"Marketo Id","city":"City, Town"})"));
  EXPECT_EQ(csv.file, "Marketo Id,email,\"City, Town\"\n");  // the Empty list: header only
  const auto ssv = expect(data, body(R"(["id","email"])", R"({"staticListId":1003})",
                                     R"(,"format":"SSV","columnHeaderNames":{"id":"Marketo Id"})"));
  EXPECT_EQ(ssv.file, "\"Marketo Id\" email\n");
}

// Splits rendered CSV into records of cells, honouring quotes (a tiny reader for the tests).
std::vector<std::vector<std::string>> read_csv(const std::string& text, char d) {
  std::vector<std::vector<std::string>> rows(1, std::vector<std::string>(1));
  bool quoted = false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (quoted) {
      if (c == '"' && i + 1 < text.size() && text[i + 1] == '"') rows.back().back() += '"', ++i;
      else if (c == '"') quoted = false;
      else rows.back().back() += c;
    } else if (c == '"') {
      quoted = true;
    } else if (c == d) {
      rows.back().emplace_back();
    } else if (c == '\n') {
      rows.emplace_back(1);
    } else {
      rows.back().back() += c;
    }
  }
  if (rows.back() == std::vector<std::string>(1)) rows.pop_back();
  return rows;
}

TEST(SimRenderTest, EveryFormatRoundTripsEveryValue) {
  DataOptions data;
  data.leads = 3000;
  const LeadDatabase db(data);
  const std::string fields =
      R"(["id","email","firstName","lastName","company","title","leadScore","phone","city","country","createdAt","updatedAt"])";
  for (const auto& [format, d] : std::vector<std::pair<std::string, char>>{{"CSV", ','}, {"TSV", '\t'}, {"SSV", ' '}}) {
    const auto r = expect(data, body(fields, R"({"staticListName":"Newsletter"})", R"(,"format":")" + format + "\""));
    ASSERT_EQ(r.error, "");
    const auto rows = read_csv(r.file, d);
    ASSERT_GT(rows.size(), 500u);
    EXPECT_EQ(rows[0][0], "id");
    std::uint64_t previous = 0;
    for (std::size_t i = 1; i < rows.size(); ++i) {
      ASSERT_EQ(rows[i].size(), 12u) << format << " row " << i;
      const std::uint64_t id = std::stoull(rows[i][0]);
      EXPECT_GT(id, previous);  // ordered by id
      previous = id;
      EXPECT_TRUE(*db.in_list(id, 1002));
      for (int f = 0; f < 12; ++f) {
        std::string v;
        db.append_value(id, Field(f), v);
        EXPECT_EQ(rows[i][std::size_t(f)], v.empty() ? "null" : v) << format << " id " << id << " field " << f;
      }
    }
  }
}

TEST(SimRenderTest, DateWindowsIncludeBothEnds) {
  DataOptions data;
  data.leads = 500;
  const LeadDatabase db(data);
  const std::int64_t t = db.created_at(42);
  auto window = [&](std::int64_t a, std::int64_t b) {
    std::string s, e;
    append_iso8601(a, s);
    append_iso8601(b, e);
    const auto r = expect(data, body(R"(["id"])", R"({"createdAt":{"startAt":")" + s + R"(","endAt":")" + e + R"("}})"));
    return "\n" + r.file;
  };
  EXPECT_NE(window(t, t).find("\n42\n"), std::string::npos);
  EXPECT_NE(window(t - 10, t).find("\n42\n"), std::string::npos);
  EXPECT_NE(window(t, t + 10).find("\n42\n"), std::string::npos);
  EXPECT_EQ(window(t + 1, t + 10).find("\n42\n"), std::string::npos);
  EXPECT_EQ(window(t - 10, t - 1).find("\n42\n"), std::string::npos);
  // Windows of 31 days minus one second, chained, count every lead exactly once.
  std::uint64_t rows = 0;
  const std::int64_t epoch = 1704067200;  // 2024-01-01T00:00:00Z, the default epoch
  for (std::int64_t start = epoch; start < epoch + 366LL * 86400; start += 31LL * 86400) {
    const std::string f = window(start, start + 31LL * 86400 - 1);
    for (char c : f) rows += c == '\n';
    rows -= 2;  // the leading "\n" and the header
  }
  EXPECT_EQ(rows, data.leads);
}

TEST(SimRenderTest, UpdatedAtFilterUsesUpdateTimes) {
  DataOptions data;
  data.leads = 300;
  const LeadDatabase db(data);
  std::string s, e;
  append_iso8601(db.updated_at(7), s);
  const auto r = expect(data, body(R"(["id","updatedAt"])", R"({"updatedAt":{"startAt":")" + s + R"(","endAt":")" + s + R"("}})"));
  EXPECT_NE(r.file.find("\n7," + s + "\n"), std::string::npos) << r.file;
}

TEST(SimRenderTest, DeterministicForASeed) {
  DataOptions a;
  a.leads = 400;
  DataOptions b = a;
  b.seed = 2;
  const std::string req = body(R"(["id","email","company","createdAt"])", R"({"staticListId":1002})");
  EXPECT_EQ(expect(a, req).file, expect(a, req).file);
  EXPECT_NE(expect(a, req).file, expect(b, req).file);
}

}  // namespace
}  // namespace fake
