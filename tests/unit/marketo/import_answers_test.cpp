// The import and describe answer readers on their own: the seed's answers, and every way an answer
// can be wrong, each named by its field path and endpoint.
#include <gtest/gtest.h>

#include "marketo/import_answers.hpp"
#include "unit/marketo/import_seed_bodies.hpp"

namespace msync::marketo {
namespace {

using testing::kSeedImportAnswer;
using testing::kSeedImportComplete;
using testing::kSeedImportWithWarning;

std::string batch_answer(const std::string& members) {
  return R"({"requestId":"x#1","success":true,"result":[{)" + members + "}]}";
}

// The failure's message, after checking it is a malformed answer (transient: Action::backoff).
std::string malformed_import(const std::string& body) {
  const auto parsed = parse_import_answer("import.status", body, 200);
  if (parsed.ok()) {
    ADD_FAILURE() << "accepted: " << body;
    return "";
  }
  EXPECT_EQ(parsed.failure().reason, Reason::malformed_answer) << body;
  EXPECT_EQ(parsed.failure().action, Action::backoff) << body;
  return parsed.failure().message;
}

TEST(ImportAnswers, SeedAnswers) {
  const auto queued = parse_import_answer("import.create", kSeedImportAnswer, 200);
  ASSERT_TRUE(queued.ok()) << queued.failure().message;
  EXPECT_EQ(queued->batch_id, 1040);
  EXPECT_EQ(queued->status, ImportStatus::queued);
  EXPECT_FALSE(queued->leads_processed);
  EXPECT_FALSE(queued->rows_failed);
  EXPECT_FALSE(queued->rows_with_warning);
  EXPECT_EQ(queued->message, "");

  const auto warned = parse_import_answer("import.status", kSeedImportWithWarning, 200);
  ASSERT_TRUE(warned.ok()) << warned.failure().message;
  EXPECT_EQ(warned->batch_id, 1041);
  EXPECT_EQ(warned->status, ImportStatus::complete);
  EXPECT_EQ(warned->leads_processed, 1);
  EXPECT_EQ(warned->rows_failed, 0);
  EXPECT_EQ(warned->rows_with_warning, 1);
  EXPECT_EQ(warned->message, "Import succeeded, 1 records imported (1 members), 1 warning.");

  const auto complete = parse_import_answer("import.status", kSeedImportComplete, 200);
  ASSERT_TRUE(complete.ok());
  EXPECT_EQ(complete->leads_processed, 8);
}

TEST(ImportAnswers, StatusesInAnyCaseAndNullMembers) {
  for (const auto& [text, status] : std::vector<std::pair<std::string, ImportStatus>>{
           {"Queued", ImportStatus::queued},     {"importing", ImportStatus::importing},
           {"COMPLETE", ImportStatus::complete}, {"Failed", ImportStatus::failed}}) {
    const auto parsed = parse_import_answer(
        "import.status", batch_answer(R"("batchId":7,"status":")" + text + R"(","message":null)"), 200);
    ASSERT_TRUE(parsed.ok()) << text;
    EXPECT_EQ(parsed->status, status);
    EXPECT_EQ(parse_import_status(text), status);
    EXPECT_EQ(parse_import_status(to_string(status)), status);
  }
  EXPECT_EQ(to_string(ImportStatus::importing), "Importing");
  EXPECT_FALSE(parse_import_status("Complete "));
  EXPECT_FALSE(parse_import_status(""));
}

TEST(ImportAnswers, EveryWrongMemberIsNamed) {
  struct Case {
    std::string members;
    std::string message;
  };
  const std::string prefix = "import.status: malformed answer: ";
  for (const Case& c : std::vector<Case>{
           {R"("status":"Queued")", "result[0].batchId is missing"},
           {R"("batchId":"1040","status":"Queued")", "result[0].batchId is not an integer"},
           {R"("batchId":10.5,"status":"Queued")", "result[0].batchId is not an integer"},
           {R"("batchId":0,"status":"Queued")", "result[0].batchId 0 is not a positive id"},
           {R"("batchId":-3,"status":"Queued")", "result[0].batchId -3 is not a positive id"},
           {R"("batchId":1,"importId":1,"status":"Queued")", "result[0].importId is not a string"},
           {R"("batchId":1)", "result[0].status is missing"},
           {R"("batchId":1,"status":5)", "result[0].status is not a string"},
           {R"("batchId":1,"status":"Paused")", "result[0].status \"Paused\" is not a known status"},
           {R"("batchId":1,"status":"Complete","numOfLeadsProcessed":-1)",
            "result[0].numOfLeadsProcessed is not a non-negative integer"},
           {R"("batchId":1,"status":"Complete","numOfRowsFailed":"2")",
            "result[0].numOfRowsFailed is not a non-negative integer"},
           {R"("batchId":1,"status":"Complete","numOfRowsWithWarning":1.5)",
            "result[0].numOfRowsWithWarning is not a non-negative integer"},
           {R"("batchId":1,"status":"Complete","numOfRowsFailed":18446744073709551615)",
            "result[0].numOfRowsFailed is out of range"},
           {R"("batchId":1,"status":"Failed","message":["x"])", "result[0].message is not a string"},
       }) {
    EXPECT_EQ(malformed_import(batch_answer(c.members)), prefix + c.message) << c.members;
  }
}

TEST(ImportAnswers, WrongShapesAreNamed) {
  EXPECT_NE(malformed_import("<html>").find("not JSON"), std::string::npos);
  EXPECT_NE(malformed_import("[]").find("not a JSON object"), std::string::npos);
  EXPECT_NE(malformed_import(R"({"result":[]})").find("\"success\" is missing"), std::string::npos);
  EXPECT_NE(malformed_import(R"({"success":true})").find("\"result\" is missing or not an array"),
            std::string::npos);
  EXPECT_NE(malformed_import(R"({"success":true,"result":[]})").find("\"result\" holds no batch"),
            std::string::npos);
  EXPECT_NE(malformed_import(R"({"success":true,"result":[7]})").find("result[0] is not an object"),
            std::string::npos);
}

TEST(ImportAnswers, ErrorEnvelopeGoesThroughTheErrorTable) {
  const auto parsed = parse_import_answer(
      "import.create", R"({"success":false,"errors":[{"code":"1016","message":"Too many imports"}]})", 200);
  ASSERT_FALSE(parsed.ok());
  EXPECT_EQ(parsed.failure().reason, Reason::marketo_error);
  EXPECT_EQ(parsed.failure().action, Action::wait_for_slot);
  EXPECT_EQ(parsed.failure().code, "1016");
  EXPECT_EQ(parsed.failure().message.rfind("import.create: Marketo error 1016", 0), 0u);
}

std::string malformed_fields(bool leads, const std::string& body) {
  const std::string_view endpoint = leads ? "describe.leads" : "describe.program_members";
  const auto parsed = leads ? parse_lead_fields_answer(endpoint, body, 200)
                            : parse_program_member_fields_answer(endpoint, body, 200);
  if (parsed.ok()) {
    ADD_FAILURE() << "accepted: " << body;
    return "";
  }
  EXPECT_EQ(parsed.failure().reason, Reason::malformed_answer) << body;
  return parsed.failure().message;
}

TEST(DescribeAnswers, WrongLeadFieldsAreNamed) {
  const std::string prefix = "describe.leads: malformed answer: ";
  const auto result = [](const std::string& fields) {
    return R"({"success":true,"result":[)" + fields + "]}";
  };
  EXPECT_EQ(malformed_fields(true, result(R"({"rest":{"name":"email"}})")),
            prefix + "result[0].dataType is missing");
  EXPECT_EQ(malformed_fields(true, result(R"({"dataType":"email","rest":"email"})")),
            prefix + "result[0].rest is not an object");
  EXPECT_EQ(malformed_fields(true, result(R"({"dataType":"email","rest":{"readOnly":false}})")),
            prefix + "result[0].rest.name is missing or empty");
  EXPECT_EQ(malformed_fields(true, result(R"({"dataType":"email","rest":{"name":""}})")),
            prefix + "result[0].rest.name is missing or empty");
  EXPECT_EQ(malformed_fields(true, result(R"({"dataType":"email","rest":{"name":"email"}},)"
                                          R"({"dataType":"string","rest":{"name":"x","readOnly":"no"}})")),
            prefix + "result[1].rest.readOnly is not a boolean");
  EXPECT_EQ(malformed_fields(true, result(R"({"dataType":"string","soap":{"name":"OnlySoap"}})")),
            prefix + "\"result\" holds no field with a REST name");
  EXPECT_EQ(malformed_fields(true, result("3")), prefix + "result[0] is not an object");
}

TEST(DescribeAnswers, WrongProgramMemberFieldsAreNamed) {
  const std::string prefix = "describe.program_members: malformed answer: ";
  const auto fields = [](const std::string& list) {
    return R"({"success":true,"result":[{"name":"API Program Member","fields":)" + list + "}]}";
  };
  EXPECT_EQ(malformed_fields(false, R"({"success":true,"result":[]})"),
            prefix + "\"result\" holds no description");
  EXPECT_EQ(malformed_fields(false, fields("{}")), prefix + "result[0].fields is missing or not an array");
  EXPECT_EQ(malformed_fields(false, fields(R"([{"dataType":"string"}])")),
            prefix + "result[0].fields[0].name is missing or empty");
  EXPECT_EQ(malformed_fields(false, fields(R"([{"name":"a","dataType":"string"},{"name":"b"}])")),
            prefix + "result[0].fields[1].dataType is missing");
  EXPECT_EQ(malformed_fields(false, fields(R"([{"name":"a","dataType":"string","updateable":1}])")),
            prefix + "result[0].fields[0].updateable is not a boolean");
  EXPECT_EQ(malformed_fields(false, fields(R"([{"name":7,"dataType":"string"}])")),
            prefix + "result[0].fields[0].name is not a string");
}

TEST(DescribeAnswers, ErrorEnvelope) {
  const auto parsed = parse_lead_fields_answer(
      "describe.leads", R"({"success":false,"errors":[{"code":"603","message":"Access denied"}]})", 200);
  ASSERT_FALSE(parsed.ok());
  EXPECT_EQ(parsed.failure().action, Action::fail_config);
}

}  // namespace
}  // namespace msync::marketo
