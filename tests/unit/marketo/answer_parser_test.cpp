#include <gtest/gtest.h>

#include "marketo/answer_parser.hpp"
#include "unit/marketo/seed_bodies.hpp"

namespace msync::marketo {
namespace {

using namespace std::chrono;
using testing::kSeedCancelAnswer;
using testing::kSeedCreateAnswer;
using testing::kSeedEnqueueAnswer;

core::Timestamp at(const char* iso) { return *core::parse_iso8601(iso); }

std::string job_answer(const std::string& job_members) {
  return R"({"requestId":"x#1","success":true,"result":[{)" + job_members + "}]}";
}

Failure rejected(const std::string& body) {
  auto parsed = parse_jobs_answer("export.status", body, 200);
  EXPECT_FALSE(parsed.ok()) << body;
  return parsed.ok() ? Failure{} : parsed.failure();
}

TEST(AnswerParser, SeedCreateAnswerWithOffsets) {
  const auto parsed = parse_jobs_answer("export.create", kSeedCreateAnswer, 200);
  ASSERT_TRUE(parsed.ok()) << parsed.failure().message;
  ASSERT_EQ(parsed->jobs.size(), 1u);
  const ExportJob& job = parsed->jobs[0];
  EXPECT_EQ(job.export_id, "ce45a7a1-f19d-4ce2-882c-a3c795940a7d");
  EXPECT_EQ(job.status, ExportStatus::created);
  EXPECT_EQ(job.format, ExportFormat::csv);
  EXPECT_EQ(job.created_at, at("2017-01-21T19:47:30Z"));  // -08:00 read as an offset
  EXPECT_EQ(job.queued_at, at("2017-01-21T19:48:30Z"));
  EXPECT_FALSE(job.started_at);
  EXPECT_FALSE(job.file_size);
  EXPECT_TRUE(parsed->next_page_token.empty());
}

TEST(AnswerParser, SeedEnqueueAnswer) {
  const auto parsed = parse_jobs_answer("export.enqueue", kSeedEnqueueAnswer, 200);
  ASSERT_TRUE(parsed.ok());
  EXPECT_EQ(parsed->jobs[0].export_id, "fad2cd1b-e822-4025-be1e-9caa9cf1d4b8");
  EXPECT_EQ(parsed->jobs[0].status, ExportStatus::queued);
  EXPECT_EQ(parsed->jobs[0].queued_at, at("2019-06-04T23:36:17Z"));
}

TEST(AnswerParser, CancelledAndCanceledBothMeanCancelled) {
  const auto seed = parse_jobs_answer("export.cancel", kSeedCancelAnswer, 200);
  ASSERT_TRUE(seed.ok());
  EXPECT_EQ(seed->jobs[0].status, ExportStatus::cancelled);
  const auto swagger = parse_jobs_answer(
      "export.cancel", job_answer(R"("exportId":"abc-1","status":"Canceled")"), 200);
  ASSERT_TRUE(swagger.ok());
  EXPECT_EQ(swagger->jobs[0].status, ExportStatus::cancelled);
}

TEST(AnswerParser, CompletedJobCarriesSizesAndChecksum) {
  const auto parsed = parse_jobs_answer(
      "export.status",
      job_answer(R"("exportId":"abc-1","status":"Completed","format":"TSV",)"
                 R"("createdAt":"2024-01-01T00:00:00Z","startedAt":"2024-01-01T00:01:00+09:00",)"
                 R"("finishedAt":"2024-01-01T00:02:00.123Z","numberOfRecords":42,"fileSize":1234,)"
                 R"("fileChecksum":"sha256:00ff","errorMsg":null)"),
      200);
  ASSERT_TRUE(parsed.ok()) << parsed.failure().message;
  const ExportJob& job = parsed->jobs[0];
  EXPECT_EQ(job.status, ExportStatus::completed);
  EXPECT_EQ(job.format, ExportFormat::tsv);
  EXPECT_EQ(job.started_at, at("2023-12-31T15:01:00Z"));
  EXPECT_EQ(job.finished_at, at("2024-01-01T00:02:00Z"));
  EXPECT_EQ(job.number_of_records, 42u);
  EXPECT_EQ(job.file_size, 1234u);
  EXPECT_EQ(job.file_checksum, "sha256:00ff");
  EXPECT_FALSE(job.error_msg);
}

TEST(AnswerParser, MalformedJsonIsTransient) {
  const Failure f = rejected(R"({"success": true, "result": [)");
  EXPECT_EQ(f.action, Action::backoff);
  EXPECT_EQ(f.reason, Reason::malformed_answer);
  EXPECT_NE(f.message.find("not JSON"), std::string::npos) << f.message;
  EXPECT_EQ(rejected("[]").reason, Reason::malformed_answer);
  EXPECT_EQ(rejected("").reason, Reason::malformed_answer);
}

TEST(AnswerParser, MissingOrWrongTypedFieldsAreNamed) {
  EXPECT_NE(rejected(R"({"result":[]})").message.find("\"success\""), std::string::npos);
  EXPECT_NE(rejected(R"({"success":"yes","result":[]})").message.find("\"success\""), std::string::npos);
  EXPECT_NE(rejected(R"({"success":true})").message.find("\"result\""), std::string::npos);
  EXPECT_NE(rejected(job_answer(R"("status":"Queued")")).message.find("result[0].exportId is missing"),
            std::string::npos);
  EXPECT_NE(rejected(job_answer(R"("exportId":7,"status":"Queued")")).message.find("result[0].exportId"),
            std::string::npos);
  EXPECT_NE(rejected(job_answer(R"("exportId":"a-1")")).message.find("result[0].status is missing"),
            std::string::npos);
  EXPECT_NE(rejected(job_answer(R"("exportId":"a-1","status":"Queued","fileSize":-5)"))
                .message.find("result[0].fileSize"),
            std::string::npos);
  EXPECT_NE(rejected(job_answer(R"("exportId":"a-1","status":"Queued","fileSize":"12")"))
                .message.find("result[0].fileSize"),
            std::string::npos);
  EXPECT_NE(rejected(job_answer(R"("exportId":"a-1","status":"Queued","numberOfRecords":1.5)"))
                .message.find("result[0].numberOfRecords"),
            std::string::npos);
  EXPECT_NE(rejected(job_answer(R"("exportId":"a-1","status":"Queued","createdAt":"yesterday")"))
                .message.find("result[0].createdAt"),
            std::string::npos);
  EXPECT_NE(rejected(job_answer(R"("exportId":"a-1","status":"Queued","format":"XLS")"))
                .message.find("result[0].format"),
            std::string::npos);
  EXPECT_NE(rejected(job_answer(R"("exportId":"a-1","status":"Queued","errorMsg":3)"))
                .message.find("result[0].errorMsg"),
            std::string::npos);
}

TEST(AnswerParser, UnknownStatusIsRejected) {
  const Failure f = rejected(job_answer(R"("exportId":"a-1","status":"Exploded")"));
  EXPECT_NE(f.message.find("result[0].status \"Exploded\" is not a known status"), std::string::npos)
      << f.message;
}

TEST(AnswerParser, ExportIdsOutsideTheAlphabetAreRejected) {
  for (const std::string& id : std::vector<std::string>{"../etc", "a/b", "..", "a b", "a%2Fb", std::string("a\0b", 3), ""}) {
    std::string escaped;
    for (char c : id) escaped += c == '\0' ? std::string("\\u0000") : std::string(1, c);
    const Failure f = rejected(job_answer(R"("exportId":")" + escaped + R"(","status":"Queued")"));
    EXPECT_NE(f.message.find("result[0].exportId"), std::string::npos) << f.message;
    EXPECT_FALSE(valid_export_id(id));
  }
  EXPECT_TRUE(valid_export_id("ce45a7a1-f19d-4ce2-882c-a3c795940a7d"));
  EXPECT_FALSE(valid_export_id(std::string(129, 'a')));
}

TEST(AnswerParser, ErrorEnvelopeUsesTheTable) {
  const auto parsed = parse_jobs_answer(
      "export.enqueue",
      R"({"requestId":"1#2","success":false,"errors":[{"code":"1029","message":"Export daily quota exceeded"}]})",
      200);
  ASSERT_FALSE(parsed.ok());
  EXPECT_EQ(parsed.failure().action, Action::wait_for_quota_reset);
  EXPECT_EQ(parsed.failure().code, "1029");
  EXPECT_EQ(parsed.failure().reason, Reason::marketo_error);
  EXPECT_EQ(parsed.failure().http_status, 200u);
  EXPECT_NE(parsed.failure().message.find("export.enqueue: Marketo error 1029"), std::string::npos);

  const auto numeric = parse_jobs_answer(
      "export.create", R"({"success":false,"errors":[{"code":1035,"message":"Unsupported filter type"}]})", 200);
  ASSERT_FALSE(numeric.ok());
  EXPECT_EQ(numeric.failure().code, "1035");
  EXPECT_EQ(numeric.failure().action, Action::fail_job);

  EXPECT_EQ(rejected(R"({"success":false,"errors":[]})").reason, Reason::malformed_answer);
}

TEST(AnswerParser, TokenAnswer) {
  const auto ok = parse_token_answer(
      R"({"access_token":"cdf01657-110d-4155-99a7-f986b2ff13a0:int","token_type":"bearer","expires_in":3599,"scope":"a@b.c"})",
      200);
  ASSERT_TRUE(ok.ok());
  EXPECT_EQ(ok->access_token, "cdf01657-110d-4155-99a7-f986b2ff13a0:int");
  EXPECT_EQ(ok->expires_in, seconds(3599));
  EXPECT_FALSE(parse_token_answer(R"({"access_token":"a\r\nX-Evil: 1","expires_in":3599})", 200).ok());
  EXPECT_FALSE(parse_token_answer(R"({"access_token":"abc","expires_in":-1})", 200).ok());
  EXPECT_FALSE(parse_token_answer(R"({"access_token":"abc"})", 200).ok());
  EXPECT_FALSE(parse_token_answer(R"({"expires_in":10})", 200).ok());
  EXPECT_FALSE(parse_token_answer("<html>", 200).ok());
}

}  // namespace
}  // namespace msync::marketo
