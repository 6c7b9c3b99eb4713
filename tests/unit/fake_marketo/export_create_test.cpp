// create.json: the seed's example, and every way Marketo refuses a body.
#include "sim_fixture.hpp"

namespace fake::testing {
namespace {

class SimCreateTest : public SimFixture {
 protected:
  rapidjson::Document post(const std::string& body) {
    return call("POST", "/bulk/v1/leads/export/create.json", body);
  }
  static std::string with_filter(const std::string& filter) {
    return R"({"fields":["id","email"],"filter":)" + filter + "}";
  }
  static std::string window(const std::string& start, const std::string& end, const std::string& type = "createdAt") {
    return with_filter(R"({")" + type + R"(":{"startAt":")" + start + R"(","endAt":")" + end + R"("}})");
  }
};

bool looks_like_uuid(const std::string& s) {
  if (s.size() != 36) return false;
  for (std::size_t i = 0; i < s.size(); ++i) {
    const bool dash = i == 8 || i == 13 || i == 18 || i == 23;
    if (dash != (s[i] == '-')) return false;
    if (!dash && std::string("0123456789abcdef").find(s[i]) == std::string::npos) return false;
  }
  return true;
}

TEST_F(SimCreateTest, SeedExampleAnswersCreatedStatus) {
  start();
  const auto d = post(create_body());
  ASSERT_TRUE(d["success"].GetBool());
  EXPECT_TRUE(d["requestId"].IsString());
  ASSERT_EQ(d["result"].Size(), 1u);
  const auto& job = d["result"][0];
  EXPECT_TRUE(looks_like_uuid(job["exportId"].GetString())) << job["exportId"].GetString();
  EXPECT_EQ(std::string(job["status"].GetString()), "Created");
  EXPECT_EQ(std::string(job["format"].GetString()), "CSV");
  EXPECT_EQ(std::string(job["createdAt"].GetString()), "2024-06-03T12:00:00Z");
  EXPECT_EQ(job.MemberCount(), 4u);  // exportId, format, status, createdAt: nothing that does not apply
}

TEST_F(SimCreateTest, ExportIdsAreDistinct) {
  start();
  EXPECT_NE(create(), create());
}

TEST_F(SimCreateTest, MalformedJsonIs609) {
  start();
  for (const std::string body : {"{", "", "[1,2]", "not json"}) {
    const auto d = post(body);
    EXPECT_EQ(error_code(d), "609") << body;
    EXPECT_EQ(error_message(d), "Invalid JSON");
  }
}

TEST_F(SimCreateTest, FieldsAreRequiredAndMustBeLeadFields) {
  start();
  const std::string filter = R"({"createdAt":{"startAt":"2024-01-01T00:00:00Z","endAt":"2024-01-02T00:00:00Z"}})";
  EXPECT_EQ(error_code(post(R"({"filter":)" + filter + "}")), "1003");
  EXPECT_EQ(error_code(post(R"({"fields":[],"filter":)" + filter + "}")), "1003");
  EXPECT_EQ(error_code(post(R"({"fields":[1],"filter":)" + filter + "}")), "1003");
  const auto d = post(R"({"fields":["id","favouriteColour"],"filter":)" + filter + "}");
  EXPECT_EQ(error_code(d), "1003");
  EXPECT_NE(error_message(d).find("favouriteColour"), std::string::npos);
}

TEST_F(SimCreateTest, FormatIsCsvTsvOrSsv) {
  start();
  EXPECT_EQ(error_code(post(create_body(R"({"staticListId":1001})", "XML"))), "1003");
  for (const std::string f : {"CSV", "TSV", "SSV"}) {
    const auto d = post(create_body(R"({"staticListId":1001})", f));
    EXPECT_EQ(std::string(d["result"][0]["format"].GetString()), f);
  }
  EXPECT_EQ(std::string(post(R"({"fields":["id"],"filter":{"staticListId":1001}})")["result"][0]["format"].GetString()),
            "CSV");  // the default
}

TEST_F(SimCreateTest, ColumnHeaderNamesMustNameRequestedFields) {
  start();
  const auto d = post(R"({"fields":["id"],"columnHeaderNames":{"email":"Mail"},"filter":{"staticListId":1001}})");
  EXPECT_EQ(error_code(d), "1003");
  EXPECT_NE(error_message(d).find("email"), std::string::npos);
}

TEST_F(SimCreateTest, ExactlyOneKnownFilter) {
  start();
  EXPECT_EQ(error_code(post(R"({"fields":["id"]})")), "1003");
  EXPECT_EQ(error_code(post(with_filter("{}"))), "1003");
  EXPECT_EQ(error_code(post(with_filter(R"({"staticListId":1001,"smartListId":2001})"))), "1003");
  const auto d = post(with_filter(R"({"programId":5})"));
  EXPECT_EQ(error_code(d), "1003");
  EXPECT_NE(error_message(d).find("programId"), std::string::npos);
}

TEST_F(SimCreateTest, DateFiltersNeedBothEndsWithoutMilliseconds) {
  start();
  EXPECT_EQ(error_code(post(with_filter(R"({"createdAt":{"startAt":"2024-01-01T00:00:00Z"}})"))), "1003");
  EXPECT_EQ(error_code(post(with_filter(R"({"createdAt":{"endAt":"2024-01-01T00:00:00Z"}})"))), "1003");
  const auto ms = post(window("2024-01-01T00:00:00.000Z", "2024-01-02T00:00:00Z"));
  EXPECT_EQ(error_code(ms), "1003");
  EXPECT_NE(error_message(ms).find("startAt"), std::string::npos);
  EXPECT_EQ(error_code(post(window("2024-01-01", "2024-01-02"))), "1003");
  EXPECT_EQ(error_code(post(window("2024-01-01T00:00:00-06:00", "2024-01-02T00:00:00-06:00"))), "");
}

TEST_F(SimCreateTest, EndMustNotPrecedeStartAndSpanAtMost31Days) {
  start();
  EXPECT_EQ(error_code(post(window("2024-01-02T00:00:00Z", "2024-01-01T00:00:00Z"))), "1003");
  EXPECT_EQ(error_code(post(window("2024-01-01T00:00:00Z", "2024-01-01T00:00:00Z"))), "");
  EXPECT_EQ(error_code(post(window("2024-01-01T00:00:00Z", "2024-02-01T00:00:00Z"))), "");  // 31 days
  const auto d = post(window("2024-01-01T00:00:00Z", "2024-02-01T00:00:01Z"));
  EXPECT_EQ(error_code(d), "1003");
  EXPECT_NE(error_message(d).find("31 days"), std::string::npos);
}

TEST_F(SimCreateTest, DisabledFilterIs1035) {
  options_.disabled_filters = {"updatedAt", "smartListName"};
  start();
  const auto d = post(window("2024-01-01T00:00:00Z", "2024-01-02T00:00:00Z", "updatedAt"));
  EXPECT_EQ(error_code(d), "1035");
  EXPECT_EQ(error_message(d), "Unsupported filter type for target subscription");
  EXPECT_EQ(error_code(post(with_filter(R"({"smartListName":"Engaged"})"))), "1035");
  EXPECT_EQ(error_code(post(with_filter(R"({"smartListId":2001})"))), "");
  EXPECT_EQ(error_code(post(window("2024-01-01T00:00:00Z", "2024-01-02T00:00:00Z"))), "");
}

TEST_F(SimCreateTest, ListFiltersMustNameAnExistingListOfTheirKind) {
  start();
  EXPECT_EQ(error_code(post(with_filter(R"({"staticListId":1001})"))), "");
  EXPECT_EQ(error_code(post(with_filter(R"({"staticListName":"VIP"})"))), "");
  EXPECT_EQ(error_code(post(with_filter(R"({"smartListId":2001})"))), "");
  EXPECT_EQ(error_code(post(with_filter(R"({"smartListName":"Engaged"})"))), "");
  EXPECT_EQ(error_code(post(with_filter(R"({"staticListId":9999})"))), "1003");
  EXPECT_EQ(error_code(post(with_filter(R"({"staticListName":"Nobody"})"))), "1003");
  EXPECT_EQ(error_code(post(with_filter(R"({"staticListId":2001})"))), "1003");  // a smart list's id
  EXPECT_EQ(error_code(post(with_filter(R"({"smartListName":"VIP"})"))), "1003");
  EXPECT_EQ(error_code(post(with_filter(R"({"staticListId":"1001"})"))), "1003");
}

TEST_F(SimCreateTest, ExpectRefusesWhatCreateRefuses) {
  EXPECT_NE(expect(options_.data, "{").error, "");
  EXPECT_NE(expect(options_.data, window("2024-01-01T00:00:00Z", "2024-03-01T00:00:00Z")).error, "");
  EXPECT_EQ(expect(options_.data, create_body()).error, "");
}

}  // namespace
}  // namespace fake::testing
