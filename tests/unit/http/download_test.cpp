// download(): streaming to the sink, cuts, sink errors and non-2xx bodies.
#include <gmock/gmock.h>

#include "unit/http/http_fixture.hpp"

namespace msync::http::test {
namespace {

using ::testing::HasSubstr;

class DownloadTest : public HttpFixture {};

// Bytes that differ from position to position, so that a lost or repeated chunk shows.
std::string pattern(std::size_t size) {
  std::string bytes(size, '\0');
  std::uint32_t state = 12345;
  for (auto& byte : bytes) {
    state = state * 1664525u + 1013904223u;
    byte = static_cast<char>(state >> 24);
  }
  return bytes;
}

TEST_F(DownloadTest, StreamsALargeBodyToTheSinkInSeveralChunks) {
  const std::string body = pattern((3u << 20) + 12345);
  auto& srv = server([&](const Received&) { return Reply{answer(200, body, "Content-Type: text/csv\r\n")}; });
  auto http = client(srv.base_url());
  StringSink sink;

  auto result = run(http->download(get("/bulk/v1/leads/export/1/file.json"), sink));

  ASSERT_TRUE(result.ok()) << result.error().message;
  EXPECT_EQ(result->status, 200u);
  EXPECT_EQ(result->header("content-type"), "text/csv");
  EXPECT_EQ(result->bytes_delivered, body.size());
  EXPECT_GT(sink.writes, 1);
  EXPECT_TRUE(sink.body == body) << "the sink's bytes differ from what the server sent";
  EXPECT_TRUE(result->error_body.empty());
}

TEST_F(DownloadTest, ChunkedBodyAndKeepAlive) {
  auto& srv = server([](const Received&) {
    return Reply{"HTTP/1.1 206 Partial Content\r\nTransfer-Encoding: chunked\r\n\r\n"
                 "3\r\nabc\r\n4\r\ndefg\r\n0\r\n\r\n"};
  });
  auto http = client(srv.base_url());

  for (int i = 0; i < 2; ++i) {
    StringSink sink;
    Request request = get("/file");
    request.headers.emplace_back("Range", "bytes=10-");
    auto result = run(http->download(std::move(request), sink));
    ASSERT_TRUE(result.ok()) << result.error().message;
    EXPECT_EQ(result->status, 206u);
    EXPECT_EQ(sink.body, "abcdefg");
    EXPECT_EQ(result->bytes_delivered, 7u);
  }
  EXPECT_EQ(srv.accepted(), 1);
  EXPECT_EQ(srv.received()[1].header("Range"), "bytes=10-");
}

TEST_F(DownloadTest, ConnectionCutMidBodyIsTransient) {
  auto& srv = server([](const Received&) {
    return Reply{"HTTP/1.1 200 OK\r\nContent-Length: 1000\r\n\r\n" + std::string(500, 'z'), true};
  });
  auto http = client(srv.base_url());
  StringSink sink;

  auto result = run(http->download(get("/file"), sink));

  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.error().kind, core::ErrorKind::transient);
  EXPECT_THAT(result.error().message, HasSubstr("read " + srv.base_url()));
  EXPECT_EQ(sink.body, "") << "a partial chunk is not handed over";
}

TEST_F(DownloadTest, BodyStallingMidwayTimesOut) {
  auto& srv = server([](const Received&) {
    return Reply{"HTTP/1.1 200 OK\r\nContent-Length: 1000\r\n\r\n" + std::string(500, 'z'), false,
                 /*hang=*/true};
  });
  ClientOptions options;
  options.base_url = srv.base_url();
  options.io_timeout = std::chrono::milliseconds(200);
  auto http = client(options);
  StringSink sink;

  auto result = run(http->download(get("/file"), sink));

  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.error().kind, core::ErrorKind::transient);
  EXPECT_THAT(result.error().message, HasSubstr("timed out"));
}

TEST_F(DownloadTest, SinkErrorAbortsAndClosesTheConnection) {
  const std::string body = pattern(3u << 20);
  auto& srv = server([&](const Received& r) {
    return Reply{r.target == "/small" ? answer(200, "small") : answer(200, body)};
  });
  auto http = client(srv.base_url());
  StringSink sink;
  sink.fail_at_write = 2;
  sink.fail_kind = core::ErrorKind::permanent;

  auto result = run(http->download(get("/file"), sink));

  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.error().kind, core::ErrorKind::permanent);
  EXPECT_THAT(result.error().message, HasSubstr("disk full"));
  EXPECT_THAT(result.error().message, HasSubstr(srv.base_url()));
  EXPECT_EQ(sink.writes, 2);
  EXPECT_EQ(body.compare(0, sink.body.size(), sink.body), 0);

  // The rest of that body was never read, so the connection cannot be reused.
  auto next = run(http->send(get("/small")));
  ASSERT_TRUE(next.ok()) << next.error().message;
  EXPECT_EQ(next->body, "small");
  EXPECT_EQ(srv.accepted(), 2);
}

TEST_F(DownloadTest, SinkErrorKindIsKept) {
  auto& srv = server([](const Received&) { return Reply{answer(200, "abc")}; });
  auto http = client(srv.base_url());
  StringSink sink;
  sink.fail_at_write = 1;
  sink.fail_kind = core::ErrorKind::transient;

  auto result = run(http->download(get("/file"), sink));

  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.error().kind, core::ErrorKind::transient);
}

TEST_F(DownloadTest, Non2xxBodyGoesToErrorBodyNotTheSink) {
  auto& srv = server([](const Received&) { return Reply{answer(404, "Export not ready")}; });
  auto http = client(srv.base_url());
  StringSink sink;

  auto result = run(http->download(get("/file"), sink));

  ASSERT_TRUE(result.ok()) << result.error().message;
  EXPECT_EQ(result->status, 404u);
  EXPECT_EQ(result->error_body, "Export not ready");
  EXPECT_EQ(result->bytes_delivered, 0u);
  EXPECT_EQ(sink.writes, 0);
  // A small error body was read to the end: the connection stays.
  ASSERT_TRUE(run(http->download(get("/file"), sink)).ok());
  EXPECT_EQ(srv.accepted(), 1);
}

TEST_F(DownloadTest, LargeNon2xxBodyIsCutAt64KiB) {
  const std::string body = pattern(1u << 20);
  auto& srv = server([&](const Received&) { return Reply{answer(500, body)}; });
  auto http = client(srv.base_url());
  StringSink sink;

  auto result = run(http->download(get("/file"), sink));

  ASSERT_TRUE(result.ok()) << result.error().message;
  EXPECT_EQ(result->status, 500u);
  EXPECT_EQ(result->error_body, body.substr(0, 64 * 1024));
  EXPECT_EQ(sink.writes, 0);
  ASSERT_TRUE(run(http->download(get("/file"), sink)).ok());
  EXPECT_EQ(srv.accepted(), 2);
}

TEST_F(DownloadTest, GetDownloadIsRetriedOnAStaleReusedConnection) {
  auto& srv = server([](const Received& r) {
    if (r.connection == 0 && r.index == 1) return Reply{"", true};
    return Reply{answer(200, "data")};
  });
  auto http = client(srv.base_url());
  StringSink first;
  ASSERT_TRUE(run(http->download(get("/file"), first)).ok());
  StringSink second;

  auto result = run(http->download(get("/file"), second));

  ASSERT_TRUE(result.ok()) << result.error().message;
  EXPECT_EQ(second.body, "data");
  EXPECT_EQ(srv.accepted(), 2);
}

}  // namespace
}  // namespace msync::http::test
