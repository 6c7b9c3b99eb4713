// The describe endpoints: lead fields (describe.json, describe2.json) and program member fields,
// shaped as Marketo's LeadAttribute / LeadAttribute2 / ProgramMemberAttribute, behind the same
// token rules as every call.
#include <map>
#include <set>
#include <string>
#include <vector>

#include "sim_fixture.hpp"

namespace fake::testing {
namespace {

class DescribeTest : public SimFixture {
 protected:
  rapidjson::Document describe(const std::string& path) {
    const auto r = send("GET", path);
    EXPECT_EQ(r.status, 200u);
    EXPECT_EQ(header(r, "Content-Type"), "application/json;charset=UTF-8");
    auto d = json(r);
    EXPECT_TRUE(d["success"].GetBool()) << r.body;
    EXPECT_TRUE(d["requestId"].IsString());
    return d;
  }
};

std::string str(const rapidjson::Value& v, const char* key) { return v[key].GetString(); }

std::vector<std::string> names(const rapidjson::Value& array) {
  std::vector<std::string> out;
  for (const auto& v : array.GetArray()) out.push_back(v.IsArray() ? v[0].GetString() : v.GetString());
  return out;
}

const std::vector<std::string> kLeadFields{"id",        "email", "firstName", "lastName",  "company",   "title",
                                           "leadScore", "phone", "city",      "country",   "createdAt", "updatedAt"};

TEST_F(DescribeTest, LeadDescribeListsEveryFieldWithRestAndSoapNames) {
  start();
  const auto d = describe("/rest/v1/leads/describe.json");
  const auto& result = d["result"];
  ASSERT_EQ(result.Size(), kLeadFields.size());
  std::set<int> ids;
  for (rapidjson::SizeType i = 0; i < result.Size(); ++i) {
    const auto& f = result[i];
    EXPECT_EQ(str(f["rest"], "name"), kLeadFields[i]);
    ids.insert(f["id"].GetInt());
    const bool read_only = kLeadFields[i] == "id" || kLeadFields[i] == "createdAt" || kLeadFields[i] == "updatedAt";
    EXPECT_EQ(f["rest"]["readOnly"].GetBool(), read_only) << kLeadFields[i];
    EXPECT_EQ(f["soap"]["readOnly"].GetBool(), read_only) << kLeadFields[i];
  }
  EXPECT_EQ(ids.size(), kLeadFields.size());  // unique

  const auto& email = result[1];
  EXPECT_EQ(str(email, "displayName"), "Email Address");
  EXPECT_EQ(str(email, "dataType"), "email");
  EXPECT_EQ(email["length"].GetInt(), 255);
  EXPECT_EQ(str(email["soap"], "name"), "Email");
  const auto& score = result[6];
  EXPECT_EQ(str(score, "displayName"), "Lead Score");  // as the import failures name it
  EXPECT_EQ(str(score, "dataType"), "integer");
  EXPECT_FALSE(score.HasMember("length"));  // only text fields have one
  EXPECT_EQ(str(score["soap"], "name"), "LeadScore");
  EXPECT_EQ(str(result[0], "displayName"), "Id");
  EXPECT_EQ(str(result[2], "displayName"), "First Name");
  EXPECT_EQ(str(result[7], "dataType"), "phone");
  EXPECT_EQ(str(result[10], "dataType"), "datetime");
  EXPECT_EQ(str(result[10], "displayName"), "Created At");
}

TEST_F(DescribeTest, LeadDescribe2IsOneApiLeadMap) {
  start();
  const auto d = describe("/rest/v1/leads/describe2.json");
  ASSERT_EQ(d["result"].Size(), 1u);
  const auto& map = d["result"][0];
  EXPECT_EQ(str(map, "name"), "API Lead");
  EXPECT_EQ(names(map["searchableFields"]), (std::vector<std::string>{"email", "id"}));
  const auto& fields = map["fields"];
  ASSERT_EQ(fields.Size(), kLeadFields.size());
  const auto describe1 = describe("/rest/v1/leads/describe.json");
  for (rapidjson::SizeType i = 0; i < fields.Size(); ++i) {
    const auto& f = fields[i];
    const auto& same = describe1["result"][i];
    EXPECT_EQ(str(f, "name"), kLeadFields[i]);
    EXPECT_EQ(str(f, "displayName"), str(same, "displayName"));
    EXPECT_EQ(str(f, "dataType"), str(same, "dataType"));
    EXPECT_EQ(f.HasMember("length"), same.HasMember("length"));
    EXPECT_EQ(f["updateable"].GetBool(), !same["rest"]["readOnly"].GetBool());
    EXPECT_FALSE(f["crmManaged"].GetBool());
  }
}

TEST_F(DescribeTest, ProgramMemberDescribeHasTheStandardFieldsOnly) {
  options_.data.epoch = SimTime{std::chrono::sys_days{std::chrono::year{2023} / 5 / 6}};
  start();
  const auto d = describe("/rest/v1/program/members/describe.json");
  ASSERT_EQ(d["result"].Size(), 1u);
  const auto& map = d["result"][0];
  EXPECT_EQ(str(map, "name"), "API Program Member");
  EXPECT_EQ(str(map, "description"), "Map for API program member fields");
  EXPECT_EQ(str(map, "createdAt"), "2023-05-06T00:00:00Z");
  EXPECT_EQ(str(map, "updatedAt"), "2023-05-06T00:00:00Z");
  EXPECT_EQ(names(map["dedupeFields"]), (std::vector<std::string>{"leadId", "programId"}));
  EXPECT_EQ(names(map["searchableFields"]), (std::vector<std::string>{"leadId", "programId"}));
  std::map<std::string, std::string> types;
  for (const auto& f : map["fields"].GetArray()) {
    EXPECT_EQ(str(f, "displayName"), str(f, "name"));  // Marketo labels these by their REST names
    EXPECT_FALSE(f["updateable"].GetBool());
    EXPECT_FALSE(f["crmManaged"].GetBool());
    types[str(f, "name")] = str(f, "dataType");
  }
  EXPECT_EQ(types, (std::map<std::string, std::string>{{"leadId", "integer"},
                                                       {"programId", "integer"},
                                                       {"statusName", "string"},
                                                       {"membershipDate", "datetime"},
                                                       {"updatedAt", "datetime"},
                                                       {"reachedSuccess", "boolean"},
                                                       {"isExhausted", "boolean"},
                                                       {"nurtureCadence", "string"},
                                                       {"attendanceLikelihood", "integer"},
                                                       {"registrationLikelihood", "integer"},
                                                       {"acquiredBy", "boolean"}}));
  EXPECT_EQ(map["fields"].Size(), types.size());
}

TEST_F(DescribeTest, TokenRulesAndMethodAreThoseOfEveryCall) {
  start();
  for (const std::string path : {"/rest/v1/leads/describe.json", "/rest/v1/leads/describe2.json",
                                 "/rest/v1/program/members/describe.json"}) {
    EXPECT_EQ(error_code(json(sim_->handle({"GET", path, {}, {}}, now_))), "600") << path;
    EXPECT_EQ(error_code(json(sim_->handle({"GET", path, {{"Authorization", "Bearer nope"}}, {}}, now_))), "601");
    EXPECT_EQ(error_code(json(sim_->handle({"GET", path + "?access_token=" + token_, {}, {}}, now_))), "601");
    EXPECT_EQ(error_code(call("POST", path)), "605") << path;
    EXPECT_EQ(error_code(call("GET", path)), "") << path;
  }
  sim_->expire_tokens();
  EXPECT_EQ(error_code(call("GET", "/rest/v1/leads/describe.json")), "602");
}

TEST_F(DescribeTest, CustomObjectDescribeListsItsFieldsAndUnknownObjectsAre1003) {
  start();
  const auto d = call("GET", "/rest/v1/customobjects/car_c/describe.json");
  ASSERT_EQ(error_code(d), "") << d["errors"][0]["message"].GetString();
  const auto& object = d["result"][0];
  EXPECT_STREQ(object["name"].GetString(), "car_c");
  std::vector<std::string> fields;
  for (const auto& f : object["fields"].GetArray()) fields.push_back(f["name"].GetString());
  EXPECT_EQ(fields, (std::vector<std::string>{"marketoGUID", "vin", "leadId", "model", "year", "color", "createdAt",
                                              "updatedAt"}));
  EXPECT_EQ(error_code(call("GET", "/rest/v1/customobjects/boat_c/describe.json")), "1003");
  EXPECT_EQ(error_code(call("GET", "/rest/v1/customobjects/describe.json")), "610");
}

TEST_F(DescribeTest, NeighbouringPathsStayUnknown) {
  start();
  for (const std::string path : {"/rest/v1/leads/describe3.json", "/rest/v1/lead/describe.json",
                                 "/rest/v1/program/members/describe", "/rest/v1/program/member/describe.json",
                                 "/bulk/v1/leads/describe.json", "/rest/v1/leads/describe.json/x"})
    EXPECT_EQ(error_code(call("GET", path)), "610") << path;
}

}  // namespace
}  // namespace fake::testing
