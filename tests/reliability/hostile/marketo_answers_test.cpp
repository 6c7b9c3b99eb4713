// Hostile ids at the parsing level, through the real client (make_api) over a scripted transport:
// an exportId or batchId that could name a path ('/', "..", NUL) is refused with the endpoint and
// the field named, and never reaches a URL or a later call.
#include <gmock/gmock.h>

#include "unit/marketo/api_fixture.hpp"
#include "unit/marketo/seed_bodies.hpp"

namespace msync::marketo::testing {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

// A create.json answer whose exportId is `id`, as JSON text (so "\u0000" is a NUL).
std::string create_answer(const std::string& json_id) {
  return R"({"requestId":"e42b#14272d07d78","success":true,"result":[{"exportId":")" + json_id +
         R"(","format":"CSV","status":"Created","createdAt":"2017-01-21T11:47:30-08:00"}]})";
}

ExportSpec spec() {
  ExportSpec s;
  s.fields = {"id", "email"};
  s.filter.start_at = *core::parse_iso8601("2024-01-01T00:00:00Z");
  s.filter.end_at = *core::parse_iso8601("2024-01-07T23:59:59Z");
  return s;
}

class HostileIdsTest : public ApiFixture {};

TEST_F(HostileIdsTest, ExportIdsThatNameAPathAreRefusedByCreate) {
  Settings s = settings();
  s.max_attempts = 1;  // one answer per id: the refusal, not the retry, is under test
  make(s);
  for (const std::string id : {"../../../../msync-escape", "..", "a/b", "msync\\u0000escape", "%2e%2e", ""}) {
    server_.rest.push_back(answer(create_answer(id)));
    const auto job = run(api_->create_export(spec()));
    ASSERT_FALSE(job.ok()) << id;
    EXPECT_EQ(job.failure().reason, Reason::malformed_answer) << id;
    EXPECT_THAT(job.failure().message, HasSubstr("export.create")) << id;
    EXPECT_THAT(job.failure().message, HasSubstr("result[0].exportId")) << id;
    EXPECT_THAT(job.failure().message, Not(HasSubstr(std::string(1, '\0')))) << id;
  }
  for (const auto& seen : server_.rest_requests()) EXPECT_EQ(seen.request.target, "/bulk/v1/leads/export/create.json");
}

TEST_F(HostileIdsTest, AHostileIdIsNeverPutIntoAUrl) {
  const std::vector<std::string> ids = {"../x", "..", std::string("a\0b", 3), "a b", "a?b"};
  for (const std::string& id : ids) {
    const auto status = run(api_->export_status(ExportEntity{}, id));
    ASSERT_FALSE(status.ok());
    EXPECT_EQ(status.failure().reason, Reason::invalid_argument);
    EXPECT_THAT(status.failure().message, HasSubstr("export.status"));
    StringSink sink;
    const auto file = run(api_->download_export(ExportEntity{}, id, 0, sink));
    ASSERT_FALSE(file.ok());
    EXPECT_THAT(file.failure().message, HasSubstr("export.file"));
  }
  EXPECT_TRUE(server_.rest_requests().empty()) << "a request went out with a hostile id";
}

TEST_F(HostileIdsTest, BatchIdsThatAreNotPositiveIntegersAreRefusedByTheUpload) {
  const std::string batch_ids[] = {R"("1/../../../msync-escape")", R"("..")", R"("1\u0000")", "-1", "0", "1.5"};
  for (const auto& batch_id : batch_ids) {
    server_.rest.push_back(answer(R"({"requestId":"e42b#1","success":true,"result":[{"batchId":)" + batch_id +
                                  R"(,"importId":"1","status":"Queued"}]})"));
    ImportUpload upload;
    upload.program_id = 1001;
    upload.format = "csv";
    upload.program_member_status = "On List";
    upload.file_name = "members.csv";
    upload.content = "email\na@example.com\n";
    const auto batch = run(api_->import_program_members(upload));
    ASSERT_FALSE(batch.ok()) << batch_id;
    EXPECT_THAT(batch.failure().message, HasSubstr("result[0].batchId")) << batch_id;
    EXPECT_THAT(batch.failure().message, HasSubstr("import")) << batch_id;
  }
}

TEST_F(HostileIdsTest, AStatusAnswerAboutAnotherJobIsRefused) {
  server_.rest.push_back(answer(create_answer("ffffffff-0000-4000-8000-000000000000")));
  const auto status = run(api_->export_status(ExportEntity{}, kSeedExportId));
  ASSERT_FALSE(status.ok());
  EXPECT_EQ(status.failure().reason, Reason::malformed_answer);
  EXPECT_THAT(status.failure().message, HasSubstr("not " + std::string(kSeedExportId)));
}

}  // namespace
}  // namespace msync::marketo::testing
