// send(): round trips, keep-alive and reconnection, retries, body limits, timeouts, close().
#include <boost/asio/post.hpp>
#include <gmock/gmock.h>

#include "unit/http/http_fixture.hpp"

namespace msync::http::test {
namespace {

using ::testing::HasSubstr;

class SendTest : public HttpFixture {};

TEST_F(SendTest, GetRoundTrip) {
  auto& srv = server([](const Received&) {
    return Reply{answer(200, "hello", "Content-Type: text/plain\r\nX-Custom: yes\r\n")};
  });
  auto http = client(srv.base_url());
  Request request = get("/bulk/v1/leads/export.json?status=Queued");
  request.headers.emplace_back("Authorization", "Bearer secret-token");

  auto response = run(http->send(std::move(request)));

  ASSERT_TRUE(response.ok()) << response.error().message;
  EXPECT_EQ(response->status, 200u);
  EXPECT_EQ(response->body, "hello");
  EXPECT_EQ(response->header("content-type"), "text/plain");
  EXPECT_EQ(response->header("X-CUSTOM"), "yes");
  EXPECT_EQ(response->header("X-Absent"), "");
  ASSERT_EQ(srv.received().size(), 1u);
  const Received& seen = srv.received()[0];
  EXPECT_EQ(seen.method, "GET");
  EXPECT_EQ(seen.target, "/bulk/v1/leads/export.json?status=Queued");
  EXPECT_EQ(seen.header("Host"), "127.0.0.1:" + std::to_string(srv.port()));
  EXPECT_EQ(seen.header("User-Agent"), "marketo-sync");
  EXPECT_EQ(seen.header("Authorization"), "Bearer secret-token");
}

TEST_F(SendTest, PostRoundTripSendsBodyAndContentLength) {
  auto& srv = server([](const Received& r) { return Reply{answer(201, "got " + r.body)}; });
  ClientOptions options;
  options.base_url = srv.base_url();
  options.user_agent = "msync-test/1";
  auto http = client(options);
  Request request;
  request.method = "POST";
  request.target = "/bulk/v1/leads/export/create.json";
  request.headers.emplace_back("Content-Type", "application/json");
  request.body = R"({"fields":["id"]})";

  auto response = run(http->send(std::move(request)));

  ASSERT_TRUE(response.ok()) << response.error().message;
  EXPECT_EQ(response->status, 201u);
  EXPECT_EQ(response->body, R"(got {"fields":["id"]})");
  ASSERT_EQ(srv.received().size(), 1u);
  EXPECT_EQ(srv.received()[0].method, "POST");
  EXPECT_EQ(srv.received()[0].body, R"({"fields":["id"]})");
  EXPECT_EQ(srv.received()[0].header("Content-Length"), "17");
  EXPECT_EQ(srv.received()[0].header("Content-Type"), "application/json");
  EXPECT_EQ(srv.received()[0].header("User-Agent"), "msync-test/1");
}

TEST_F(SendTest, KeepAliveReusesTheConnection) {
  auto& srv = server([](const Received& r) { return Reply{answer(200, r.target)}; });
  auto http = client(srv.base_url());

  for (const char* target : {"/a", "/b", "/c"}) {
    auto response = run(http->send(get(target)));
    ASSERT_TRUE(response.ok()) << response.error().message;
    EXPECT_EQ(response->body, target);
  }
  EXPECT_EQ(srv.accepted(), 1);
  EXPECT_EQ(srv.received().size(), 3u);
}

TEST_F(SendTest, ConnectionCloseHeaderMakesTheNextCallReconnect) {
  auto& srv = server([](const Received&) {
    return Reply{answer(200, "bye", "Connection: close\r\n"), /*close_after=*/true};
  });
  auto http = client(srv.base_url());

  for (int i = 0; i < 2; ++i) {
    auto response = run(http->send(get("/x")));
    ASSERT_TRUE(response.ok()) << response.error().message;
    EXPECT_EQ(response->body, "bye");
  }
  EXPECT_EQ(srv.accepted(), 2);
}

TEST_F(SendTest, ServerClosingAnIdleConnectionMakesTheNextCallReconnect) {
  // Keep-alive promised, then the connection closed anyway (an idle timeout at the server).
  auto& srv = server([](const Received&) { return Reply{answer(200, "ok"), true}; });
  auto http = client(srv.base_url());

  for (int i = 0; i < 3; ++i) {
    auto response = run(http->send(get("/x")));
    ASSERT_TRUE(response.ok()) << response.error().message;
  }
  EXPECT_EQ(srv.accepted(), 3);
}

// The server takes the second request on the first connection and closes without answering.
Reply close_second_request_on_first_connection(const Received& r) {
  if (r.connection == 0 && r.index == 1) return Reply{"", true};
  return Reply{answer(200, "answer " + std::to_string(r.connection))};
}

TEST_F(SendTest, GetIsRetriedOnceWhenAReusedConnectionTurnsOutStale) {
  auto& srv = server(close_second_request_on_first_connection);
  auto http = client(srv.base_url());
  ASSERT_TRUE(run(http->send(get("/first"))).ok());

  auto response = run(http->send(get("/second")));

  ASSERT_TRUE(response.ok()) << response.error().message;
  EXPECT_EQ(response->body, "answer 1");
  EXPECT_EQ(srv.accepted(), 2);
  EXPECT_EQ(srv.received().size(), 3u);
}

TEST_F(SendTest, GetIsRetriedOnlyOnce) {
  auto& srv = server([](const Received& r) {
    if (r.connection == 0 && r.index == 0) return Reply{answer(200, "first")};
    return Reply{"", true};  // every later request: closed without an answer
  });
  auto http = client(srv.base_url());
  ASSERT_TRUE(run(http->send(get("/first"))).ok());

  auto response = run(http->send(get("/second")));

  ASSERT_FALSE(response.ok());
  EXPECT_EQ(response.error().kind, core::ErrorKind::transient);
  EXPECT_EQ(srv.accepted(), 2);
  EXPECT_EQ(srv.received().size(), 3u);
}

TEST_F(SendTest, PostIsNotRetriedOnAStaleReusedConnection) {
  auto& srv = server(close_second_request_on_first_connection);
  auto http = client(srv.base_url());
  ASSERT_TRUE(run(http->send(get("/first"))).ok());
  Request post;
  post.method = "POST";
  post.target = "/bulk/v1/leads/export/1/enqueue.json";

  auto response = run(http->send(std::move(post)));

  ASSERT_FALSE(response.ok());
  EXPECT_EQ(response.error().kind, core::ErrorKind::transient);
  EXPECT_THAT(response.error().message, HasSubstr("not retried"));
  EXPECT_THAT(response.error().message, HasSubstr("POST /bulk/v1/leads/export/1/enqueue.json"));
  EXPECT_EQ(srv.accepted(), 1);
  EXPECT_EQ(srv.received().size(), 2u);

  // The client is not stuck: the next call opens a new connection.
  auto next = run(http->send(get("/third")));
  ASSERT_TRUE(next.ok()) << next.error().message;
  EXPECT_EQ(srv.accepted(), 2);
}

TEST_F(SendTest, HeadAnswerHasNoBodyToWaitFor) {
  auto& srv = server([](const Received& r) {
    if (r.method == "HEAD") return Reply{"HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\n"};
    return Reply{answer(200, "after head")};
  });
  auto http = client(srv.base_url());
  Request head = get("/file");
  head.method = "HEAD";

  auto response = run(http->send(std::move(head)));

  ASSERT_TRUE(response.ok()) << response.error().message;
  EXPECT_EQ(response->header("Content-Length"), "100");
  EXPECT_EQ(response->body, "");
  auto next = run(http->send(get("/next")));
  ASSERT_TRUE(next.ok()) << next.error().message;
  EXPECT_EQ(next->body, "after head");
  EXPECT_EQ(srv.accepted(), 1);
}

TEST_F(SendTest, ChunkedAnswerIsReassembled) {
  auto& srv = server([](const Received&) {
    return Reply{
        "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"
        "5\r\nhello\r\n6\r\n world\r\n0\r\n\r\n"};
  });
  auto http = client(srv.base_url());

  auto response = run(http->send(get("/chunked")));

  ASSERT_TRUE(response.ok()) << response.error().message;
  EXPECT_EQ(response->body, "hello world");
  // Still kept alive after a chunked answer.
  ASSERT_TRUE(run(http->send(get("/again"))).ok());
  EXPECT_EQ(srv.accepted(), 1);
}

TEST_F(SendTest, AnswerLargerThanMaxBodyBytesIsAnError) {
  auto& srv = server([](const Received& r) {
    if (r.target == "/chunked") {
      return Reply{"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"
                   "8\r\n12345678\r\n8\r\n12345678\r\n0\r\n\r\n"};
    }
    return Reply{answer(200, std::string(11, 'x'))};
  });
  ClientOptions options;
  options.base_url = srv.base_url();
  options.max_body_bytes = 10;
  auto http = client(options);

  for (const char* target : {"/length", "/chunked"}) {
    auto response = run(http->send(get(target)));
    ASSERT_FALSE(response.ok()) << target;
    EXPECT_EQ(response.error().kind, core::ErrorKind::transient);
    EXPECT_THAT(response.error().message, HasSubstr("max_body_bytes"));
    EXPECT_THAT(response.error().message, HasSubstr(srv.base_url()));
  }
  // A body at the limit is fine.
  auto& exact = server([](const Received&) { return Reply{answer(200, std::string(10, 'y'))}; });
  options.base_url = exact.base_url();
  auto response = run(client(options)->send(get("/ten")));
  ASSERT_TRUE(response.ok()) << response.error().message;
  EXPECT_EQ(response->body.size(), 10u);
}

TEST_F(SendTest, StalledServerTimesOut) {
  auto& srv = server([](const Received&) { return Reply{"", false, /*hang=*/true}; });
  ClientOptions options;
  options.base_url = srv.base_url();
  options.io_timeout = std::chrono::milliseconds(200);
  auto http = client(options);

  auto response = run(http->send(get("/slow")));

  ASSERT_FALSE(response.ok());
  EXPECT_EQ(response.error().kind, core::ErrorKind::transient);
  EXPECT_THAT(response.error().message, HasSubstr("timed out"));
  EXPECT_THAT(response.error().message, HasSubstr("read " + srv.base_url()));
}

TEST_F(SendTest, ConnectionRefusedIsTransient) {
  unsigned short port = 0;
  {
    boost::asio::ip::tcp::acceptor probe(
        io_, boost::asio::ip::tcp::endpoint(boost::asio::ip::make_address("127.0.0.1"), 0));
    port = probe.local_endpoint().port();
  }
  auto http = client("http://127.0.0.1:" + std::to_string(port));

  auto response = run(http->send(get("/")));

  ASSERT_FALSE(response.ok());
  EXPECT_EQ(response.error().kind, core::ErrorKind::transient);
  EXPECT_THAT(response.error().message,
              HasSubstr("connect http://127.0.0.1:" + std::to_string(port)));
}

TEST_F(SendTest, MalformedAnswerIsTransient) {
  auto& srv = server([](const Received&) { return Reply{"NOT HTTP AT ALL\r\n\r\n", true}; });
  auto http = client(srv.base_url());

  auto response = run(http->send(get("/")));

  ASSERT_FALSE(response.ok());
  EXPECT_EQ(response.error().kind, core::ErrorKind::transient);
}

TEST_F(SendTest, CloseCancelsAnExchangeInProgress) {
  Client* active = nullptr;
  auto& srv = server([&](const Received& r) {
    if (r.target == "/hang") {
      boost::asio::post(io_, [&] { active->close(); });
      return Reply{"", false, true};
    }
    return Reply{answer(200, "fine")};
  });
  auto http = client(srv.base_url());
  active = http.get();

  auto response = run(http->send(get("/hang")));

  ASSERT_FALSE(response.ok());
  EXPECT_EQ(response.error().kind, core::ErrorKind::cancelled);
  // close() ends the connection, not the client.
  auto next = run(http->send(get("/next")));
  ASSERT_TRUE(next.ok()) << next.error().message;
  EXPECT_EQ(next->body, "fine");
  EXPECT_EQ(srv.accepted(), 2);
}

TEST_F(SendTest, InvalidRequestsAreRefusedBeforeSending) {
  auto& srv = server([](const Received&) { return Reply{answer(200, "")}; });
  auto http = client(srv.base_url());
  Request no_slash = get("bulk/v1");
  Request bad_header = get("/ok");
  bad_header.headers.emplace_back("X-Injected", "a\r\nHost: evil");

  for (auto* request : {&no_slash, &bad_header}) {
    auto response = run(http->send(std::move(*request)));
    ASSERT_FALSE(response.ok());
    EXPECT_EQ(response.error().kind, core::ErrorKind::permanent);
    EXPECT_THAT(response.error().message, ::testing::Not(HasSubstr("evil")));
  }
  EXPECT_EQ(srv.received().size(), 0u);
}

}  // namespace
}  // namespace msync::http::test
