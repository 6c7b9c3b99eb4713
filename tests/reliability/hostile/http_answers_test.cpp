// Answers no honest server sends, against the real client on loopback: a body that runs past its
// Content-Length, and a header far too large. Each is refused with an error naming the origin and
// the request, as a transient failure (the call is tried again later; the daemon goes on), and the
// connection is never reused.
#include <gmock/gmock.h>

#include "unit/http/http_fixture.hpp"

namespace msync::http::test {
namespace {

using ::testing::HasSubstr;

// 64 KiB is the client's header limit; this is sixteen times that.
const std::string kHugeHeader = "HTTP/1.1 200 OK\r\nX-Flood: " + std::string(1u << 20, 'a') + "\r\n\r\n";

class HostileAnswersTest : public HttpFixture {};

// Refused as transient, naming what was wrong, the origin and the request.
template <class T>
void expect_refused(const core::Result<T>& answer, const std::string& what, const LoopbackServer& srv,
                    const std::string& request) {
  ASSERT_FALSE(answer.ok()) << request;
  EXPECT_EQ(answer.error().kind, core::ErrorKind::transient);
  EXPECT_THAT(answer.error().message, HasSubstr(what));
  EXPECT_THAT(answer.error().message, HasSubstr(srv.base_url()));
  EXPECT_THAT(answer.error().message, HasSubstr("[" + request + "]"));
}

TEST_F(HostileAnswersTest, ABodyLongerThanItsContentLengthIsRefused) {
  auto& srv = server([](const Received& r) {
    if (r.target == "/next") return Reply{answer(200, "fine")};
    return Reply{answer(200, "hello") + "spill,past,content-length\n"};
  });
  auto http = client(srv.base_url());

  expect_refused(run(http->send(get("/json"))), "past the end its header announced", srv, "GET /json");
  StringSink sink;
  expect_refused(run(http->download(get("/file"), sink)), "past the end its header announced", srv, "GET /file");
  EXPECT_EQ(sink.body, "hello") << "what went past Content-Length must never reach the sink";

  auto next = run(http->send(get("/next")));
  ASSERT_TRUE(next.ok()) << next.error().message;
  EXPECT_EQ(next->body, "fine");
  EXPECT_EQ(srv.accepted(), 3) << "a connection that ran past an answer was reused";
}

TEST_F(HostileAnswersTest, AHugeHeaderIsRefusedWithoutReadingItAll) {
  auto& srv = server([](const Received&) { return Reply{kHugeHeader, true}; });
  auto http = client(srv.base_url());

  expect_refused(run(http->send(get("/status.json"))), "header is too large", srv, "GET /status.json");
  StringSink sink;
  expect_refused(run(http->download(get("/file.json"), sink)), "header is too large", srv, "GET /file.json");
  EXPECT_TRUE(sink.body.empty());
}

TEST_F(HostileAnswersTest, AHeaderLineWithoutEndIsRefusedEvenWhenTheServerHangs) {
  // The line never ends and the server never closes: the header limit, not a timeout, ends it.
  auto& srv = server([](const Received&) {
    return Reply{"HTTP/1.1 200 OK\r\nX-Flood: " + std::string(256 * 1024, 'b'), false, true};
  });
  ClientOptions options;
  options.base_url = srv.base_url();
  options.io_timeout = std::chrono::seconds(20);
  auto http = client(options);
  const auto started = std::chrono::steady_clock::now();
  auto sent = run(http->send(get("/")));
  ASSERT_FALSE(sent.ok());
  EXPECT_THAT(sent.error().message, HasSubstr("header is too large"));
  EXPECT_LT(std::chrono::steady_clock::now() - started, std::chrono::seconds(10));
}

}  // namespace
}  // namespace msync::http::test
