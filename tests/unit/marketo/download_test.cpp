#include <gtest/gtest.h>

#include "unit/marketo/api_fixture.hpp"
#include "marketo/content_range.hpp"
#include "unit/marketo/seed_bodies.hpp"

namespace msync::marketo::testing {
namespace {

constexpr const char* kCsv =
    "firstName,lastName,email,cookies\nRussell,Wilson,null,_mch-localhost-1536605780000-12105\n";

class DownloadTest : public ApiFixture {
 protected:
  Outcome<Download> download(std::uint64_t offset) {
    return run(api_->download_export(ExportEntity{}, kSeedExportId, offset, sink_));
  }
  StringSink sink_;
};

TEST_F(DownloadTest, WholeFileWithoutRange) {
  server_.rest.push_back(answer(kCsv, 200, {{"Content-Type", "text/csv"}}));
  const auto outcome = download(0);
  ASSERT_TRUE(outcome.ok()) << outcome.failure().message;
  EXPECT_EQ(outcome->http_status, 200u);
  EXPECT_EQ(outcome->bytes, std::string(kCsv).size());
  EXPECT_EQ(sink_.data, kCsv);
  const auto sent = server_.rest_requests().at(0);
  EXPECT_EQ(sent.request.method, "GET");
  EXPECT_EQ(sent.request.target, std::string("/bulk/v1/leads/export/") + kSeedExportId + "/file.json");
  EXPECT_EQ(sent.header("Range"), "");
  EXPECT_EQ(sent.header("Authorization"), "Bearer " + server_.default_token);
}

TEST_F(DownloadTest, LargeFilePassesThroughWhole) {
  std::string big;
  for (int i = 0; i < 2000; ++i) big += "row," + std::to_string(i) + ",null\n";
  server_.rest.push_back(answer(big));
  const auto outcome = download(0);
  ASSERT_TRUE(outcome.ok());
  EXPECT_EQ(outcome->bytes, big.size());
  EXPECT_EQ(sink_.data, big);
}

TEST_F(DownloadTest, ResumesWithRangeAndChecksContentRange) {
  server_.rest.push_back(answer("tail-bytes", 206, {{"Content-Range", "bytes 100-109/110"}}));
  const auto outcome = download(100);
  ASSERT_TRUE(outcome.ok()) << outcome.failure().message;
  EXPECT_EQ(outcome->http_status, 206u);
  EXPECT_EQ(outcome->bytes, 10u);
  EXPECT_EQ(outcome->file_size, 110u);
  EXPECT_EQ(server_.rest_requests().at(0).header("Range"), "bytes=100-");
}

TEST_F(DownloadTest, ContentRangeFromTheWrongPlaceIsAMismatch) {
  server_.rest.push_back(answer("0123456789", 206, {{"Content-Range", "bytes 90-99/110"}}));
  auto outcome = download(100);
  ASSERT_FALSE(outcome.ok());
  EXPECT_EQ(outcome.failure().reason, Reason::range_mismatch);
  EXPECT_EQ(server_.rest_requests().size(), 1u) << "bytes reached the sink: no retry inside";

  server_.rest.push_back(answer("0123456789", 206));  // no Content-Range at all
  outcome = download(100);
  ASSERT_FALSE(outcome.ok());
  EXPECT_EQ(outcome.failure().reason, Reason::range_mismatch);
}

TEST_F(DownloadTest, WholeFileWhenAPartWasAskedIsAMismatch) {
  server_.rest.push_back(answer(kCsv, 200));
  const auto outcome = download(50);
  ASSERT_FALSE(outcome.ok());
  EXPECT_EQ(outcome.failure().reason, Reason::range_mismatch);
  EXPECT_EQ(outcome.failure().action, Action::retry_now);
}

TEST_F(DownloadTest, NotFoundSaysNotReadyOrExpired) {
  server_.rest.push_back(answer("File not found", 404, {{"Content-Type", "text/plain"}}));
  const auto outcome = download(0);
  ASSERT_FALSE(outcome.ok());
  EXPECT_EQ(outcome.failure().reason, Reason::file_not_available);
  EXPECT_EQ(outcome.failure().http_status, 404u);
  EXPECT_NE(outcome.failure().message.find("not completed yet or its file has expired"), std::string::npos);
  EXPECT_NE(outcome.failure().message.find("unknown"), std::string::npos);
  EXPECT_TRUE(sink_.data.empty());
}

TEST_F(DownloadTest, RangeNotSatisfiableIsItsOwnOutcome) {
  server_.rest.push_back(answer("", 416, {{"Content-Range", "bytes */110"}}));
  const auto outcome = download(500);
  ASSERT_FALSE(outcome.ok());
  EXPECT_EQ(outcome.failure().reason, Reason::range_not_satisfiable);
  EXPECT_EQ(outcome.failure().action, Action::retry_now);
}

TEST_F(DownloadTest, MarketoErrorInPlaceOfTheFileNeverReachesTheSink) {
  server_.identity.push_back(token_answer("tok-A"));
  server_.identity.push_back(token_answer("tok-B"));
  server_.rest.push_back(answer(R"({"requestId":"1","success":false,"errors":[{"code":"602","message":"Access token expired"}]})",
                                200, {{"Content-Type", "application/json"}}));
  server_.rest.push_back(answer(kCsv, 200));
  const auto outcome = download(0);
  ASSERT_TRUE(outcome.ok()) << outcome.failure().message;
  EXPECT_EQ(sink_.data, kCsv);
  EXPECT_EQ(server_.rest_requests().at(1).header("Authorization"), "Bearer tok-B");
}

TEST_F(DownloadTest, SinkRefusalIsReported) {
  std::string big(10000, 'x');
  server_.rest.push_back(answer(big));
  sink_.refuse_after = 5000;
  const auto outcome = download(0);
  ASSERT_FALSE(outcome.ok());
  EXPECT_EQ(outcome.failure().reason, Reason::sink_refused);
  EXPECT_NE(outcome.failure().message.find("disk full"), std::string::npos);
  EXPECT_EQ(server_.rest_requests().size(), 1u);
}

TEST_F(DownloadTest, ServerErrorBeforeAnyByteIsRetried) {
  server_.rest.push_back(answer("busy", 503));
  server_.rest.push_back(answer(kCsv, 200));
  const auto outcome = download(0);
  ASSERT_TRUE(outcome.ok());
  EXPECT_EQ(sink_.data, kCsv);
}

TEST(ContentRange, Parses) {
  const auto full = parse_content_range("bytes 100-199/200");
  ASSERT_TRUE(full);
  EXPECT_EQ(full->first, 100u);
  EXPECT_EQ(full->last, 199u);
  EXPECT_EQ(full->total, 200u);
  EXPECT_FALSE(parse_content_range("bytes 0-9/*")->total);
  for (const char* bad : {"", "bytes */200", "bytes 10-5/200", "bytes 0-199/199", "items 0-1/2",
                          "bytes -1-5/10", "bytes 0-18446744073709551616/1"}) {
    EXPECT_FALSE(parse_content_range(bad)) << bad;
  }
}

}  // namespace
}  // namespace msync::marketo::testing
