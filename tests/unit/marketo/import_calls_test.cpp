// The import calls over the real client (make_api) and the scripted server: what goes on the wire,
// and what the retry loop does with each kind of answer, upload and reads apart.
#include <gtest/gtest.h>

#include "unit/marketo/api_fixture.hpp"
#include "unit/marketo/import_seed_bodies.hpp"
#include "unit/marketo/multipart_reader.hpp"

namespace msync::marketo::testing {
namespace {

ImportUpload seed_upload() {
  ImportUpload upload;
  upload.program_id = 1234;
  upload.format = "csv";  // the seed's curl spelling; sent as Marketo's "CSV"
  upload.program_member_status = "On List";
  upload.file_name = kSeedImportFileName;
  upload.content = kSeedImportFile;
  return upload;
}

std::vector<ReadPart> sent_parts(const Seen& sent) {
  const std::string boundary = boundary_of(sent.header("Content-Type"));
  auto parts = read_multipart(sent.request.body, boundary);
  EXPECT_TRUE(parts.has_value()) << "not a well-formed multipart body:\n" << sent.request.body;
  return parts.value_or(std::vector<ReadPart>{});
}

class ImportCallsTest : public ApiFixture {};

TEST_F(ImportCallsTest, UploadSendsTheSeedFormAndReadsTheSeedAnswer) {
  server_.rest.push_back(answer(kSeedImportAnswer));
  const auto batch = run(api_->import_program_members(seed_upload()));
  ASSERT_TRUE(batch.ok()) << batch.failure().message;
  EXPECT_EQ(batch->batch_id, 1040);
  EXPECT_EQ(batch->status, ImportStatus::queued);
  EXPECT_FALSE(batch->leads_processed);

  const auto sent = server_.rest_requests().at(0);
  EXPECT_EQ(sent.origin, kBase);
  EXPECT_EQ(sent.request.method, "POST");
  EXPECT_EQ(sent.request.target, "/bulk/v1/program/1234/members/import.json");
  EXPECT_EQ(sent.header("Authorization"), "Bearer " + server_.default_token);
  const std::string boundary = boundary_of(sent.header("Content-Type"));
  EXPECT_GE(boundary.size(), 16u);
  EXPECT_LE(boundary.size(), 70u);
  EXPECT_EQ(std::string(kSeedImportFile).find(boundary), std::string::npos);

  const auto parts = sent_parts(sent);
  ASSERT_EQ(parts.size(), 3u);
  EXPECT_EQ(parts[0].disposition, R"(form-data; name="format")");
  EXPECT_EQ(parts[0].content_type, "");
  EXPECT_EQ(parts[0].data, "CSV");
  EXPECT_EQ(parts[1].disposition, R"(form-data; name="programMemberStatus")");
  EXPECT_EQ(parts[1].data, "On List");
  EXPECT_EQ(parts[2].disposition, R"(form-data; name="file"; filename="Lead-House-Lannister.csv")");
  EXPECT_EQ(parts[2].content_type, "text/csv");
  EXPECT_EQ(parts[2].data, kSeedImportFile);
  EXPECT_EQ(sent.request.body.find("access_token"), std::string::npos);
}

TEST_F(ImportCallsTest, UploadNamesTheFileSafelyAndTypesItByFormat) {
  struct Case {
    const char* format;
    const char* file_name;
    const char* disposition;
    const char* content_type;
  };
  for (const Case c : {Case{"TSV", "in/box/a\"b\r\nc.tsv", R"(form-data; name="file"; filename="a_b__c.tsv")",
                            "text/tab-separated-values"},
                       Case{"ssv", "C:\\drop\\members.txt", R"(form-data; name="file"; filename="members.txt")",
                            "text/plain"},
                       Case{"CSV", "", R"(form-data; name="file"; filename="import.csv")", "text/csv"}}) {
    server_.seen.clear();
    server_.rest.push_back(answer(kSeedImportAnswer));
    ImportUpload upload = seed_upload();
    upload.format = c.format;
    upload.file_name = c.file_name;
    ASSERT_TRUE(run(api_->import_program_members(upload)).ok()) << c.format;
    const auto parts = sent_parts(server_.rest_requests().at(0));
    ASSERT_EQ(parts.size(), 3u);
    EXPECT_EQ(parts[2].disposition, c.disposition);
    EXPECT_EQ(parts[2].content_type, c.content_type);
  }
}

TEST_F(ImportCallsTest, NonAsciiStatusDeclaresUtf8) {
  server_.rest.push_back(answer(kSeedImportAnswer));
  ImportUpload upload = seed_upload();
  upload.program_member_status = "出席";
  ASSERT_TRUE(run(api_->import_program_members(upload)).ok());
  const auto parts = sent_parts(server_.rest_requests().at(0));
  ASSERT_EQ(parts.size(), 3u);
  EXPECT_EQ(parts[1].data, "出席");
  EXPECT_EQ(parts[1].content_type, "text/plain; charset=UTF-8");
}

TEST_F(ImportCallsTest, BadUploadsAreNeverSent) {
  std::vector<ImportUpload> bad(7, seed_upload());
  bad[0].program_id = 0;
  bad[1].program_id = -5;
  bad[2].format = "XLSX";
  bad[3].program_member_status = "";
  bad[4].program_member_status = "On List\r\nX-Injected: 1";
  bad[5].content = "";
  bad[6].content = std::string(10'000'000, 'x');
  for (const ImportUpload& upload : bad) {
    const auto outcome = run(api_->import_program_members(upload));
    ASSERT_FALSE(outcome.ok());
    EXPECT_EQ(outcome.failure().reason, Reason::invalid_argument);
    EXPECT_EQ(outcome.failure().action, Action::fail_job);
    EXPECT_EQ(outcome.failure().message.rfind("import.create: ", 0), 0u) << outcome.failure().message;
  }
  EXPECT_TRUE(server_.seen.empty());

  ImportUpload largest = seed_upload();
  largest.content = std::string(9'999'999, 'x');
  server_.rest.push_back(answer(kSeedImportAnswer));
  EXPECT_TRUE(run(api_->import_program_members(largest)).ok()) << "just under 10,000,000 bytes is fine";
}

TEST_F(ImportCallsTest, TooManyImportsWaitsForASlot) {
  server_.rest.push_back(answer(error_body("1016", "Too many imports")));
  const auto outcome = run(api_->import_program_members(seed_upload()));
  ASSERT_FALSE(outcome.ok());
  EXPECT_EQ(outcome.failure().action, Action::wait_for_slot);
  EXPECT_EQ(outcome.failure().reason, Reason::marketo_error);
  EXPECT_EQ(outcome.failure().code, "1016");
  EXPECT_NE(outcome.failure().message.find("Too many imports"), std::string::npos);
  EXPECT_EQ(server_.rest_requests().size(), 1u);
  EXPECT_TRUE(timing_->waits.empty()) << "the engine decides when to come back";
}

TEST_F(ImportCallsTest, RefusedTokenIsRenewedOnceAndTheSameFormSentAgain) {
  server_.identity.push_back(token_answer("tok-A"));
  server_.identity.push_back(token_answer("tok-B"));
  server_.rest.push_back(answer(error_body("601", "Access token invalid")));
  server_.rest.push_back(answer(kSeedImportAnswer));
  const auto batch = run(api_->import_program_members(seed_upload()));
  ASSERT_TRUE(batch.ok()) << batch.failure().message;
  const auto sent = server_.rest_requests();
  ASSERT_EQ(sent.size(), 2u);
  EXPECT_EQ(sent[0].header("Authorization"), "Bearer tok-A");
  EXPECT_EQ(sent[1].header("Authorization"), "Bearer tok-B");
  EXPECT_EQ(sent[1].request.body, sent[0].request.body);
  EXPECT_EQ(sent[1].header("Content-Type"), sent[0].header("Content-Type"));
  EXPECT_EQ(server_.identity_requests().size(), 2u);
}

TEST_F(ImportCallsTest, ASecondRefusedTokenIsGivenBackAsBackOff) {
  server_.rest.push_back(answer(error_body("601", "Access token invalid")));
  server_.rest.push_back(answer(error_body("602", "Access token expired")));
  const auto outcome = run(api_->import_program_members(seed_upload()));
  ASSERT_FALSE(outcome.ok());
  EXPECT_EQ(outcome.failure().action, Action::backoff);
  EXPECT_EQ(outcome.failure().code, "602");
  EXPECT_EQ(server_.rest_requests().size(), 2u);
}

TEST_F(ImportCallsTest, RateLimitedUploadIsSentAgain) {
  server_.rest.push_back(answer(error_body("606", "Max rate limit '100' exceeded with in '20' secs")));
  server_.rest.push_back(answer(error_body("615", "Concurrent access limit reached")));
  server_.rest.push_back(answer(kSeedImportAnswer));
  EXPECT_TRUE(run(api_->import_program_members(seed_upload())).ok());
  EXPECT_EQ(server_.rest_requests().size(), 3u);
  EXPECT_EQ(timing_->waits.size(), 2u);
}

TEST_F(ImportCallsTest, UploadThatMayHaveArrivedIsNotSentAgain) {
  // No answer, an answer from a proxy, an answer we cannot read: Marketo may have a batch.
  for (Scripted lost : {failure("connection reset by peer"), answer("<html>bad gateway</html>", 502),
                        answer(R"({"success":true,"result":[{"status":"Queued"}]})")}) {
    server_.seen.clear();
    server_.rest.push_back(std::move(lost));
    const auto outcome = run(api_->import_program_members(seed_upload()));
    ASSERT_FALSE(outcome.ok());
    EXPECT_EQ(server_.rest_requests().size(), 1u) << outcome.failure().message;
    EXPECT_NE(outcome.failure().message.find("may have taken the request"), std::string::npos)
        << outcome.failure().message;
  }
  EXPECT_TRUE(timing_->waits.empty());
}

TEST_F(ImportCallsTest, StatusReadsTheSeedAnswer) {
  server_.rest.push_back(answer(kSeedImportWithFailure));
  const auto batch = run(api_->import_status(1046));
  ASSERT_TRUE(batch.ok()) << batch.failure().message;
  EXPECT_EQ(batch->status, ImportStatus::complete);
  EXPECT_EQ(batch->leads_processed, 0);
  EXPECT_EQ(batch->rows_failed, 1);
  EXPECT_EQ(batch->rows_with_warning, 0);
  EXPECT_EQ(batch->message, "Import completed with errors, 0 records imported (0 members), 1 failed");
  const auto sent = server_.rest_requests().at(0);
  EXPECT_EQ(sent.request.method, "GET");
  EXPECT_EQ(sent.request.target, "/bulk/v1/program/members/import/1046/status.json");
  EXPECT_EQ(sent.header("Authorization"), "Bearer " + server_.default_token);
  EXPECT_TRUE(sent.request.body.empty());
}

TEST_F(ImportCallsTest, StatusIsReadAgainAfterATransportFailure) {
  server_.rest.push_back(failure("connection reset by peer"));
  server_.rest.push_back(answer(kSeedImportComplete));
  const auto batch = run(api_->import_status(1040));
  ASSERT_TRUE(batch.ok()) << batch.failure().message;
  EXPECT_EQ(batch->leads_processed, 8);
  EXPECT_EQ(server_.rest_requests().size(), 2u);
}

TEST_F(ImportCallsTest, StatusAboutAnotherBatchIsMalformed) {
  server_.rest.push_back(answer(kSeedImportComplete));
  const auto outcome = run(api_->import_status(1046));
  ASSERT_FALSE(outcome.ok());
  EXPECT_EQ(outcome.failure().reason, Reason::malformed_answer);
  EXPECT_NE(outcome.failure().message.find("import.status"), std::string::npos);
  EXPECT_NE(outcome.failure().message.find("batch 1040, not 1046"), std::string::npos);
}

TEST_F(ImportCallsTest, MalformedStatusIsNamedAndRetried) {
  server_.rest.push_back(answer(R"({"success":true,"result":[{"batchId":"1040","status":"Queued"}]})"));
  server_.rest.push_back(answer(R"({"success":true,"result":[{"batchId":1040,"status":"Sleeping"}]})"));
  server_.rest.push_back(answer(R"({"success":true,"result":[{"batchId":1040,"status":"Importing",)"
                                R"("numOfRowsFailed":-1}]})"));
  const auto outcome = run(api_->import_status(1040));
  ASSERT_FALSE(outcome.ok());
  EXPECT_EQ(outcome.failure().reason, Reason::malformed_answer);
  EXPECT_EQ(outcome.failure().action, Action::backoff);
  EXPECT_EQ(outcome.failure().message,
            "import.status: malformed answer: result[0].numOfRowsFailed is not a non-negative integer");
  EXPECT_EQ(server_.rest_requests().size(), 3u);
}

TEST_F(ImportCallsTest, BadBatchIdsAreNeverSent) {
  StringSink sink;
  EXPECT_EQ(run(api_->import_status(0)).failure().reason, Reason::invalid_argument);
  EXPECT_EQ(run(api_->import_failures(-1, sink)).failure().reason, Reason::invalid_argument);
  EXPECT_EQ(run(api_->import_warnings(0, sink)).failure().reason, Reason::invalid_argument);
  EXPECT_TRUE(server_.seen.empty());
}

TEST_F(ImportCallsTest, FailuresAndWarningsStreamToTheSinkExactly) {
  StringSink failures;
  StringSink warnings;
  server_.rest.push_back(answer(kSeedFailuresFile, 200, {{"Content-Type", "text/csv"}}));
  server_.rest.push_back(answer(kSeedWarningsFile, 200, {{"Content-Type", "text/csv"}}));
  const auto failed = run(api_->import_failures(1046, failures));
  const auto warned = run(api_->import_warnings(1041, warnings));
  ASSERT_TRUE(failed.ok()) << failed.failure().message;
  ASSERT_TRUE(warned.ok()) << warned.failure().message;
  EXPECT_EQ(failures.data, kSeedFailuresFile);
  EXPECT_EQ(failed.value(), std::string(kSeedFailuresFile).size());
  EXPECT_EQ(warnings.data, kSeedWarningsFile);
  EXPECT_EQ(warned.value(), std::string(kSeedWarningsFile).size());
  const auto sent = server_.rest_requests();
  ASSERT_EQ(sent.size(), 2u);
  EXPECT_EQ(sent[0].request.method, "GET");
  EXPECT_EQ(sent[0].request.target, "/bulk/v1/program/members/import/1046/failures.json");
  EXPECT_EQ(sent[0].header("Range"), "");
  EXPECT_EQ(sent[1].request.target, "/bulk/v1/program/members/import/1041/warnings.json");
  for (const auto& s : sent) EXPECT_EQ(s.header("Authorization"), "Bearer " + server_.default_token);
}

TEST_F(ImportCallsTest, LargeFailuresFilePassesThroughWhole) {
  std::string big = "email,Import Failure Reason\n";
  for (int i = 0; i < 3000; ++i) big += "row" + std::to_string(i) + "@example.com,Invalid email address\n";
  server_.rest.push_back(answer(big));
  StringSink sink;
  const auto outcome = run(api_->import_failures(7, sink));
  ASSERT_TRUE(outcome.ok());
  EXPECT_EQ(outcome.value(), big.size());
  EXPECT_EQ(sink.data, big);
}

TEST_F(ImportCallsTest, MarketoErrorInPlaceOfTheFileNeverReachesTheSink) {
  StringSink sink;
  server_.rest.push_back(answer(error_body("1003", "Import batch 1046 is Importing: its failures are known "
                                                   "once it is Complete"),
                                200, {{"Content-Type", "application/json"}}));
  const auto outcome = run(api_->import_failures(1046, sink));
  ASSERT_FALSE(outcome.ok());
  EXPECT_EQ(outcome.failure().code, "1003");
  EXPECT_EQ(outcome.failure().action, Action::fail_job);
  EXPECT_NE(outcome.failure().message.find("import.failures"), std::string::npos);
  EXPECT_TRUE(sink.data.empty());

  // An expired token answered in place of the file: renewed, and only the file lands.
  server_.rest.push_back(answer(error_body("602", "Access token expired"), 200));
  server_.rest.push_back(answer(kSeedWarningsFile, 200));
  const auto warned = run(api_->import_warnings(1041, sink));
  ASSERT_TRUE(warned.ok()) << warned.failure().message;
  EXPECT_EQ(sink.data, kSeedWarningsFile);
}

TEST_F(ImportCallsTest, FailureAfterBytesReachedTheSinkIsNotRetriedInside) {
  // The caller must start its sink over first (ImportApi's contract).
  StringSink sink;
  sink.refuse_after = 5000;
  server_.rest.push_back(answer(std::string(10000, 'x')));
  const auto outcome = run(api_->import_failures(1046, sink));
  ASSERT_FALSE(outcome.ok());
  EXPECT_EQ(outcome.failure().reason, Reason::sink_refused);
  EXPECT_EQ(server_.rest_requests().size(), 1u);

  // Before any byte: a server error is read again.
  StringSink fresh;
  server_.rest.push_back(answer("busy", 503));
  server_.rest.push_back(answer(kSeedFailuresFile));
  ASSERT_TRUE(run(api_->import_failures(1046, fresh)).ok());
  EXPECT_EQ(fresh.data, kSeedFailuresFile);
}

TEST_F(ImportCallsTest, DescribeLeadsReadsRestNames) {
  server_.rest.push_back(answer(R"({"requestId":"1","success":true,"result":[
    {"id":2,"displayName":"Company Name","dataType":"string","length":255,
     "rest":{"name":"company","readOnly":false},"soap":{"name":"Company","readOnly":false}},
    {"id":31,"displayName":"Created At","dataType":"datetime",
     "rest":{"name":"createdAt","readOnly":true},"soap":{"name":"CreatedAt","readOnly":true}},
    {"id":48,"displayName":"Email Address","dataType":"email","rest":{"name":"email"}},
    {"id":99,"displayName":"SOAP only","dataType":"string","soap":{"name":"SoapOnly"}}]})"));
  const auto fields = run(api_->describe_lead_fields());
  ASSERT_TRUE(fields.ok()) << fields.failure().message;
  ASSERT_EQ(fields->size(), 3u);
  EXPECT_EQ(fields.value()[0].name, "company");
  EXPECT_EQ(fields.value()[0].data_type, "string");
  EXPECT_TRUE(fields.value()[0].updateable);
  EXPECT_EQ(fields.value()[1].name, "createdAt");
  EXPECT_FALSE(fields.value()[1].updateable);
  EXPECT_EQ(fields.value()[2].name, "email");
  EXPECT_EQ(fields.value()[2].data_type, "email");
  EXPECT_TRUE(fields.value()[2].updateable);
  const auto sent = server_.rest_requests().at(0);
  EXPECT_EQ(sent.request.method, "GET");
  EXPECT_EQ(sent.request.target, "/rest/v1/leads/describe.json");
  EXPECT_EQ(sent.header("Authorization"), "Bearer " + server_.default_token);
}

TEST_F(ImportCallsTest, DescribeProgramMembersReadsTheFieldList) {
  server_.rest.push_back(answer(R"({"requestId":"2","success":true,"result":[{"name":"API Program Member",
    "fields":[{"name":"leadId","displayName":"Lead Id","dataType":"integer","updateable":false,
               "crmManaged":false},
              {"name":"webinarUrl","displayName":"Webinar Url","dataType":"string","length":255,
               "updateable":true,"crmManaged":false}]}]})"));
  const auto fields = run(api_->describe_program_member_fields());
  ASSERT_TRUE(fields.ok()) << fields.failure().message;
  ASSERT_EQ(fields->size(), 2u);
  EXPECT_EQ(fields.value()[0].name, "leadId");
  EXPECT_EQ(fields.value()[0].data_type, "integer");
  EXPECT_FALSE(fields.value()[0].updateable);
  EXPECT_EQ(fields.value()[1].name, "webinarUrl");
  EXPECT_TRUE(fields.value()[1].updateable);
  EXPECT_EQ(server_.rest_requests().at(0).request.target, "/rest/v1/program/members/describe.json");
}

TEST_F(ImportCallsTest, DescribeCustomObjectReadsItsFieldsAndNeverSendsABadName) {
  server_.rest.push_back(answer(R"({"requestId":"3","success":true,"result":[{"name":"car_c","idField":"marketoGUID",
    "fields":[{"name":"marketoGUID","dataType":"string","updateable":false},
              {"name":"vin","dataType":"string","updateable":true}]}]})"));
  const auto fields = run(api_->describe_custom_object_fields("car_c"));
  ASSERT_TRUE(fields.ok()) << fields.failure().message;
  ASSERT_EQ(fields->size(), 2u);
  EXPECT_EQ(fields.value()[1].name, "vin");
  EXPECT_EQ(server_.rest_requests().at(0).request.target, "/rest/v1/customobjects/car_c/describe.json");

  const auto refused = run(api_->describe_custom_object_fields("car_c/../../leads"));
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.failure().reason, Reason::invalid_argument);
  EXPECT_NE(refused.failure().message.find("describe.custom_object"), std::string::npos) << refused.failure().message;
  EXPECT_EQ(server_.rest_requests().size(), 1u);
}

TEST_F(ImportCallsTest, RestPathsKeepTheBaseUrlPrefix) {
  auto s = settings();
  s.base_url = std::string(kBase) + "/mkt";
  make(s);
  server_.rest.push_back(answer(kSeedImportAnswer));
  server_.rest.push_back(answer(kSeedImportComplete));
  server_.rest.push_back(answer(R"({"success":true,"result":[{"fields":[]}]})"));
  ASSERT_TRUE(run(api_->import_program_members(seed_upload())).ok());
  ASSERT_TRUE(run(api_->import_status(1040)).ok());
  ASSERT_TRUE(run(api_->describe_program_member_fields()).ok());
  const auto sent = server_.rest_requests();
  ASSERT_EQ(sent.size(), 3u);
  EXPECT_EQ(sent[0].request.target, "/mkt/bulk/v1/program/1234/members/import.json");
  EXPECT_EQ(sent[1].request.target, "/mkt/bulk/v1/program/members/import/1040/status.json");
  EXPECT_EQ(sent[2].request.target, "/mkt/rest/v1/program/members/describe.json");
}

TEST_F(ImportCallsTest, ObserverNamesEveryImportEndpoint) {
  StringSink sink;
  server_.rest.push_back(answer(error_body("1016", "Too many imports")));
  server_.rest.push_back(answer(kSeedImportComplete));
  server_.rest.push_back(answer(kSeedFailuresFile));
  server_.rest.push_back(answer(kSeedWarningsFile));
  server_.rest.push_back(
      answer(R"({"success":true,"result":[{"dataType":"email","rest":{"name":"email"}}]})"));
  server_.rest.push_back(answer(R"({"success":true,"result":[{"fields":[]}]})"));
  (void)run(api_->import_program_members(seed_upload()));
  (void)run(api_->import_status(1040));
  (void)run(api_->import_failures(1040, sink));
  (void)run(api_->import_warnings(1040, sink));
  (void)run(api_->describe_lead_fields());
  (void)run(api_->describe_program_member_fields());
  const std::vector<ObservedCall> expected{
      {"identity.token", 200, ""},  {"import.create", 200, "1016"}, {"import.status", 200, ""},
      {"import.failures", 200, ""}, {"import.warnings", 200, ""},   {"describe.leads", 200, ""},
      {"describe.program_members", 200, ""}};
  EXPECT_EQ(calls_, expected);
}

// The same object serves the export engine (Api&) and the import engine (ImportApi&).
TEST_F(ImportCallsTest, OneClientServesBothSides) {
  Api& exports = *api_;
  ImportApi& imports = *api_;
  server_.rest.push_back(answer(R"({"success":true,"result":[{"exportId":"e-1","status":"Queued"}]})"));
  server_.rest.push_back(answer(kSeedImportComplete));
  EXPECT_TRUE(run(exports.export_status(ExportEntity{}, "e-1")).ok());
  EXPECT_TRUE(run(imports.import_status(1040)).ok());
  EXPECT_EQ(server_.identity_requests().size(), 1u) << "one token cache";
}

}  // namespace
}  // namespace msync::marketo::testing
