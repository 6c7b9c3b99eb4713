#include <gtest/gtest.h>

#include "unit/marketo/api_fixture.hpp"
#include "unit/marketo/seed_bodies.hpp"

namespace msync::marketo::testing {
namespace {

using namespace std::chrono_literals;

constexpr const char* kQueuedId = "fad2cd1b-e822-4025-be1e-9caa9cf1d4b8";

ExportSpec seed_spec() {
  ExportSpec spec;
  spec.fields = {"firstName", "lastName", "id", "email"};
  spec.column_header_names = {{"firstName", "First Name"},
                              {"lastName", "Last Name"},
                              {"id", "Marketo Id"},
                              {"email", "Email Address"}};
  spec.filter.start_at = *core::parse_iso8601("2017-01-01T00:00:00Z");
  spec.filter.end_at = *core::parse_iso8601("2017-01-31T00:00:00Z");
  return spec;
}

class CallsTest : public ApiFixture {};

TEST_F(CallsTest, CreateSendsTheSeedBodyAndReadsTheSeedAnswer) {
  server_.rest.push_back(answer(kSeedCreateAnswer));
  const auto job = run(api_->create_export(seed_spec()));
  ASSERT_TRUE(job.ok()) << job.failure().message;
  EXPECT_EQ(job->export_id, kSeedExportId);
  EXPECT_EQ(job->status, ExportStatus::created);

  const auto sent = server_.rest_requests().at(0);
  EXPECT_EQ(sent.origin, kBase);
  EXPECT_EQ(sent.request.method, "POST");
  EXPECT_EQ(sent.request.target, "/bulk/v1/leads/export/create.json");
  EXPECT_EQ(sent.header("Content-Type"), "application/json");
  EXPECT_EQ(sent.header("Authorization"), "Bearer " + server_.default_token);
  EXPECT_EQ(sent.request.body, kSeedCreateRequest);
}

// Every call after create names the job's entity: a restart polls the path the job was made on.
TEST_F(CallsTest, EachEntityCallsUnderItsOwnPath) {
  auto spec = seed_spec();
  spec.entity = ExportEntity{EntityType::custom_objects, "car_c"};
  spec.filter.type = FilterType::updated_at;
  server_.rest.push_back(answer(kSeedCreateAnswer));
  server_.rest.push_back(answer(kSeedStatusAnswer));
  server_.rest.push_back(answer(R"({"requestId":"1#1","success":true,"result":[]})"));
  ASSERT_TRUE(run(api_->create_export(spec)).ok());
  ASSERT_TRUE(run(api_->export_status(ExportEntity{EntityType::activities, ""}, kSeedExportId)).ok());
  ASSERT_TRUE(run(api_->list_exports(ExportEntity{EntityType::program_members, ""}, {})).ok());
  const auto sent = server_.rest_requests();
  ASSERT_EQ(sent.size(), 3u);
  EXPECT_EQ(sent[0].request.target, "/bulk/v1/customobjects/car_c/export/create.json");
  EXPECT_EQ(sent[1].request.target, std::string("/bulk/v1/activities/export/") + kSeedExportId + "/status.json");
  EXPECT_EQ(sent[2].request.target.substr(0, sent[2].request.target.find('?')), "/bulk/v1/program/members/export.json");
  // An API name that could leave its path is refused before anything is sent.
  const auto refused = run(api_->export_status(ExportEntity{EntityType::custom_objects, "../leads"}, kSeedExportId));
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.failure().reason, Reason::invalid_argument);
  EXPECT_EQ(server_.rest_requests().size(), 3u);
}

TEST_F(CallsTest, EnqueueStatusCancel) {
  server_.rest.push_back(answer(kSeedEnqueueAnswer));
  server_.rest.push_back(answer(kSeedStatusAnswer));
  server_.rest.push_back(answer(kSeedCancelAnswer));
  const auto queued = run(api_->enqueue_export(ExportEntity{}, kQueuedId));
  const auto processing = run(api_->export_status(ExportEntity{}, kSeedExportId));
  const auto cancelled = run(api_->cancel_export(ExportEntity{}, kSeedExportId));
  ASSERT_TRUE(queued.ok() && processing.ok() && cancelled.ok());
  EXPECT_EQ(queued->status, ExportStatus::queued);
  EXPECT_EQ(processing->status, ExportStatus::processing);
  EXPECT_EQ(cancelled->status, ExportStatus::cancelled);

  const auto sent = server_.rest_requests();
  ASSERT_EQ(sent.size(), 3u);
  EXPECT_EQ(sent[0].request.method, "POST");
  EXPECT_EQ(sent[0].request.target, std::string("/bulk/v1/leads/export/") + kQueuedId + "/enqueue.json");
  EXPECT_TRUE(sent[0].request.body.empty());
  EXPECT_EQ(sent[1].request.method, "GET");
  EXPECT_EQ(sent[1].request.target, std::string("/bulk/v1/leads/export/") + kSeedExportId + "/status.json");
  EXPECT_EQ(sent[2].request.method, "POST");
  EXPECT_EQ(sent[2].request.target, std::string("/bulk/v1/leads/export/") + kSeedExportId + "/cancel.json");
  for (const auto& s : sent) EXPECT_EQ(s.header("Authorization"), "Bearer " + server_.default_token);
}

TEST_F(CallsTest, BaseUrlPathPrefixIsKept) {
  auto s = settings();
  s.base_url = std::string(kBase) + "/rest/";
  make(s);
  server_.rest.push_back(answer(kSeedStatusAnswer));
  ASSERT_TRUE(run(api_->export_status(ExportEntity{}, kSeedExportId)).ok());
  EXPECT_EQ(server_.rest_requests().at(0).request.target,
            std::string("/rest/bulk/v1/leads/export/") + kSeedExportId + "/status.json");
  EXPECT_EQ(server_.identity_requests().at(0).request.target.rfind("/rest/identity/oauth/token?", 0), 0u);
}

TEST_F(CallsTest, ListFollowsPageTokens) {
  server_.rest.push_back(answer(
      R"({"requestId":"1","success":true,"nextPageToken":"PAGE+2/x","result":[)"
      R"({"exportId":"a-1","status":"Completed"},{"exportId":"a-2","status":"Queued"}]})"));
  server_.rest.push_back(answer(
      R"({"requestId":"2","success":true,"result":[{"exportId":"a-3","status":"Canceled"}]})"));
  const auto jobs = run(api_->list_exports(ExportEntity{}, {ExportStatus::queued, ExportStatus::completed}));
  ASSERT_TRUE(jobs.ok()) << jobs.failure().message;
  ASSERT_EQ(jobs->size(), 3u);
  EXPECT_EQ(jobs.value()[2].status, ExportStatus::cancelled);
  const auto sent = server_.rest_requests();
  ASSERT_EQ(sent.size(), 2u);
  EXPECT_EQ(sent[0].request.method, "GET");
  EXPECT_EQ(sent[0].request.target, "/bulk/v1/leads/export.json?batchSize=300&status=completed,queued");
  EXPECT_EQ(sent[1].request.target,
            "/bulk/v1/leads/export.json?batchSize=300&status=completed,queued&nextPageToken=PAGE%2B2%2Fx");
}

TEST_F(CallsTest, ListStopsOnARepeatedPageToken) {
  for (int i = 0; i < 2; ++i) {
    server_.rest.push_back(answer(R"({"success":true,"nextPageToken":"same","result":[]})"));
  }
  const auto jobs = run(api_->list_exports(ExportEntity{}, {}));
  ASSERT_FALSE(jobs.ok());
  EXPECT_EQ(jobs.failure().reason, Reason::malformed_answer);
  EXPECT_EQ(server_.rest_requests().at(0).request.target, "/bulk/v1/leads/export.json?batchSize=300");
}

TEST_F(CallsTest, BadExportIdNeverReachesAPath) {
  for (const std::string& id : std::vector<std::string>{"../../identity", "a/b", std::string("a\0b", 3), ""}) {
    const auto outcome = run(api_->enqueue_export(ExportEntity{}, id));
    ASSERT_FALSE(outcome.ok());
    EXPECT_EQ(outcome.failure().reason, Reason::invalid_argument);
  }
  EXPECT_TRUE(server_.seen.empty());
}

TEST_F(CallsTest, AnswerAboutAnotherJobIsRejected) {
  server_.rest.push_back(answer(kSeedEnqueueAnswer));
  const auto outcome = run(api_->export_status(ExportEntity{}, kSeedExportId));
  ASSERT_FALSE(outcome.ok());
  EXPECT_EQ(outcome.failure().reason, Reason::malformed_answer);
  EXPECT_NE(outcome.failure().message.find(kQueuedId), std::string::npos);
}

TEST_F(CallsTest, TransientErrorsAreRetriedWithBoundedJitteredBackoff) {
  server_.rest.push_back(answer(error_body("606", "Max rate limit '100' exceeded with in '20' secs")));
  server_.rest.push_back(answer("<html>", 503));
  server_.rest.push_back(answer(kSeedStatusAnswer));
  const auto outcome = run(api_->export_status(ExportEntity{}, kSeedExportId));
  ASSERT_TRUE(outcome.ok()) << outcome.failure().message;
  ASSERT_EQ(timing_->waits.size(), 2u);
  EXPECT_GE(timing_->waits[0], 750ms);
  EXPECT_LE(timing_->waits[0], 1250ms);
  EXPECT_GE(timing_->waits[1], 1500ms);
  EXPECT_LE(timing_->waits[1], 2500ms);
}

TEST_F(CallsTest, TransientErrorsGiveUpAfterMaxAttempts) {
  for (int i = 0; i < 3; ++i) server_.rest.push_back(answer(error_body("615", "Concurrent access limit reached")));
  const auto outcome = run(api_->export_status(ExportEntity{}, kSeedExportId));
  ASSERT_FALSE(outcome.ok());
  EXPECT_EQ(outcome.failure().action, Action::backoff);
  EXPECT_EQ(outcome.failure().code, "615");
  EXPECT_EQ(server_.rest_requests().size(), 3u);
}

TEST_F(CallsTest, MalformedJsonIsRetriedAsTransient) {
  server_.rest.push_back(answer(R"({"success":tru)"));
  server_.rest.push_back(answer(kSeedStatusAnswer));
  EXPECT_TRUE(run(api_->export_status(ExportEntity{}, kSeedExportId)).ok());
  EXPECT_EQ(server_.rest_requests().size(), 2u);
}

TEST_F(CallsTest, TransportFailureRetriedOnlyForReads) {
  server_.rest.push_back(failure("connection reset by peer"));
  server_.rest.push_back(answer(kSeedStatusAnswer));
  EXPECT_TRUE(run(api_->export_status(ExportEntity{}, kSeedExportId)).ok());

  server_.rest.push_back(failure("connection reset by peer"));
  const auto enqueue = run(api_->enqueue_export(ExportEntity{}, kSeedExportId));
  ASSERT_FALSE(enqueue.ok());
  EXPECT_EQ(enqueue.failure().reason, Reason::transport);
  EXPECT_EQ(enqueue.failure().action, Action::backoff);
  EXPECT_EQ(server_.rest_requests().size(), 3u);
}

TEST_F(CallsTest, EngineDecisionsComeBackAtOnce) {
  struct Case {
    const char* code;
    const char* message;
    Action action;
  };
  for (const Case c : {Case{"1029", "Too many jobs (10) in queue", Action::wait_for_slot},
                       Case{"1029", "Job already queued", Action::wait_for_slot},
                       Case{"1029", "Export daily quota exceeded", Action::wait_for_quota_reset},
                       Case{"607", "Daily quota reached", Action::wait_for_quota_reset},
                       Case{"1035", "Unsupported filter type for target subscription: updatedAt", Action::fail_job},
                       Case{"1003", "Invalid filter", Action::fail_job},
                       Case{"609", "Invalid JSON", Action::fail_job},
                       Case{"603", "Access denied", Action::fail_config},
                       Case{"4711", "Something new", Action::fail_job}}) {
    server_.seen.clear();
    server_.rest.push_back(answer(error_body(c.code, c.message)));
    const auto outcome = run(api_->enqueue_export(ExportEntity{}, kSeedExportId));
    ASSERT_FALSE(outcome.ok());
    EXPECT_EQ(outcome.failure().action, c.action) << c.code << " " << c.message;
    EXPECT_EQ(outcome.failure().code, c.code);
    EXPECT_NE(outcome.failure().message.find(c.message), std::string::npos);
    EXPECT_EQ(server_.rest_requests().size(), 1u) << c.code << " must not be retried";
  }
}

TEST_F(CallsTest, ObserverSeesEveryCall) {
  server_.rest.push_back(answer(error_body("606", "Max rate limit")));
  server_.rest.push_back(answer(kSeedStatusAnswer));
  server_.rest.push_back(answer("oops", 502));
  server_.rest.push_back(failure("timed out"));
  server_.rest.push_back(answer(error_body("1029", "Too many jobs (10) in queue")));
  ASSERT_TRUE(run(api_->export_status(ExportEntity{}, kSeedExportId)).ok());
  ASSERT_FALSE(run(api_->enqueue_export(ExportEntity{}, kSeedExportId)).ok());  // 502, transport: POST stops there
  ASSERT_FALSE(run(api_->enqueue_export(ExportEntity{}, kSeedExportId)).ok());
  const std::vector<ObservedCall> expected{
      {"identity.token", 200, ""}, {"export.status", 200, "606"}, {"export.status", 200, ""},
      {"export.enqueue", 502, ""}, {"export.enqueue", 0, ""},      {"export.enqueue", 200, "1029"}};
  EXPECT_EQ(calls_, expected);
}

}  // namespace
}  // namespace msync::marketo::testing
