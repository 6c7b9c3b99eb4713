#include <gtest/gtest.h>

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/read.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/asio/write.hpp>
#include <chrono>
#include <exception>
#include <memory>
#include <optional>

#include "health/health.hpp"
#include "unit/health/raw_client.hpp"

namespace msync::health {
namespace {

namespace asio = boost::asio;
using test::Answer;
using test::exchange;
using test::get;

struct SlowOutcome {
  Answer served;
  std::string slow_received;
  std::size_t open_while_served = 0;
};

struct CapOutcome {
  std::string third;
  Answer after_release;
};

class HealthServerTest : public ::testing::Test {
 protected:
  HealthServerTest() {
    options_.port = 0;
    metrics_.counter("api_calls", "Marketo API calls.", {{"code", "200"}}).inc(7);
  }

  void start() {
    Endpoints endpoints;
    endpoints.readiness = [this] { return Readiness{ready_, reason_}; };
    endpoints.status_json = [] { return core::Result<std::string>(std::string("{\"syncs\":[]}")); };
    server_ = std::make_unique<HealthServer>(io_, options_, metrics_, std::move(endpoints));
    const auto started = server_->start();
    ASSERT_TRUE(started.ok()) << started.error().message;
    ASSERT_NE(server_->port(), 0);
  }

  // Runs the client coroutine to its end, then stops the server; returns once the loop is idle,
  // which also proves stop() leaves nothing pending.
  template <class T>
  T run(asio::awaitable<T> client) {
    std::optional<T> result;
    std::exception_ptr failure;
    asio::co_spawn(io_, std::move(client), [&](std::exception_ptr error, T value) {
      failure = error;
      result = std::move(value);
      server_->stop();
    });
    io_.run();
    if (failure) std::rethrow_exception(failure);
    return std::move(*result);
  }

  Answer one(const std::string& request, bool head = false) {
    return run(exchange(server_->port(), request, head));
  }

  // Client scripts, one per test below.
  asio::awaitable<std::vector<Answer>> flip_readiness() {
    const std::string readyz = get("/readyz");
    const std::string healthz = get("/healthz");
    std::vector<Answer> answers;
    answers.push_back(co_await exchange(server_->port(), readyz));
    ready_ = false;
    reason_ = "state store not open";
    answers.push_back(co_await exchange(server_->port(), readyz));
    answers.push_back(co_await exchange(server_->port(), healthz));
    ready_ = true;
    answers.push_back(co_await exchange(server_->port(), healthz));
    co_return answers;
  }

  asio::awaitable<std::vector<Answer>> livez_nope_metrics() {
    const std::string livez = get("/livez");
    const std::string nope = get("/nope?x=1");
    const std::string metrics = get("/metrics");
    std::vector<Answer> answers;
    answers.push_back(co_await exchange(server_->port(), livez));
    answers.push_back(co_await exchange(server_->port(), nope));
    answers.push_back(co_await exchange(server_->port(), metrics));
    co_return answers;
  }

  asio::awaitable<std::vector<Answer>> reuse_one_connection() {
    auto socket = co_await test::connect(server_->port());
    const std::string request = "GET /livez HTTP/1.1\r\nHost: x\r\n\r\n";
    std::vector<Answer> answers;
    answers.push_back(co_await test::send_and_read_one(socket, request));
    answers.push_back(co_await test::send_and_read_one(socket, request));
    answers.push_back(
        co_await test::send_and_read_one(socket, "HEAD /readyz HTTP/1.1\r\nHost: x\r\n\r\n", true));
    answers.push_back(co_await test::send_and_read_one(socket, request));
    co_return answers;
  }

  asio::awaitable<SlowOutcome> slow_and_normal_client() {
    SlowOutcome outcome;
    const std::string partial = "GET /livez HTTP/1.1\r\nHo";
    const std::string livez = get("/livez");
    auto slow = co_await test::connect(server_->port());
    co_await asio::async_write(slow, asio::buffer(partial), asio::use_awaitable);
    outcome.served = co_await exchange(server_->port(), livez);
    outcome.open_while_served = server_->open_connections();
    // The slow client never finishes its header: the server must hang up on it.
    outcome.slow_received = co_await test::send_and_read_to_end(slow, "");
    co_return outcome;
  }

  asio::awaitable<CapOutcome> fill_connection_cap() {
    CapOutcome outcome;
    auto first = co_await test::connect(server_->port());
    auto second = co_await test::connect(server_->port());
    auto third = co_await test::connect(server_->port());
    outcome.third = co_await test::send_and_read_to_end(third, "");
    // Releasing one makes room again.
    const std::string livez = get("/livez");
    co_await test::send_and_read_to_end(first, livez);
    outcome.after_release = co_await exchange(server_->port(), livez);
    co_return outcome;
  }

  asio::awaitable<std::string> stop_while_idle() {
    auto socket = co_await test::connect(server_->port());
    const Answer answer =
        co_await test::send_and_read_one(socket, "GET /livez HTTP/1.1\r\nHost: x\r\n\r\n");
    if (answer.status != 200) co_return "no answer";
    server_->stop();
    co_return co_await test::send_and_read_to_end(socket, "");
  }

  asio::io_context io_;
  ServerOptions options_;
  MetricsRegistry metrics_;
  bool ready_ = true;
  std::string reason_;
  std::unique_ptr<HealthServer> server_;
};

TEST_F(HealthServerTest, LivezAnswersOk) {
  start();
  const Answer answer = one(get("/livez"));
  EXPECT_EQ(answer.status, 200u);
  EXPECT_EQ(answer.body, "ok");
  EXPECT_EQ(answer.headers.at("connection"), "close");
}

TEST_F(HealthServerTest, ReadinessFlipsBetween200And503) {
  start();
  const auto answers = run(flip_readiness());
  ASSERT_EQ(answers.size(), 4u);
  EXPECT_EQ(answers[0].status, 200u);
  EXPECT_EQ(answers[0].body, "{\"ready\":true}");
  EXPECT_EQ(answers[0].headers.at("content-type"), "application/json");
  EXPECT_EQ(answers[1].status, 503u);
  EXPECT_EQ(answers[1].body, "{\"ready\":false,\"reason\":\"state store not open\"}");
  EXPECT_EQ(answers[2].status, 503u);
  EXPECT_EQ(answers[3].status, 200u);
}

TEST_F(HealthServerTest, StatusComesFromTheCallback) {
  start();
  const Answer answer = one(get("/status"));
  EXPECT_EQ(answer.status, 200u);
  EXPECT_EQ(answer.body, "{\"syncs\":[]}");
  EXPECT_EQ(answer.headers.at("content-type"), "application/json");
}

TEST_F(HealthServerTest, MetricsServesTheRegistryAndCountsRequests) {
  start();
  const auto answers = run(livez_nope_metrics());
  ASSERT_EQ(answers.size(), 3u);
  const Answer& answer = answers[2];
  EXPECT_EQ(answer.status, 200u);
  EXPECT_EQ(answer.headers.at("content-type"), "text/plain; version=0.0.4");
  EXPECT_NE(answer.body.find("# TYPE marketo_sync_api_calls_total counter\n"
                             "marketo_sync_api_calls_total{code=\"200\"} 7\n"),
            std::string::npos);
  EXPECT_NE(
      answer.body.find("marketo_sync_health_requests_total{path=\"/livez\",code=\"200\"} 1\n"),
      std::string::npos);
  EXPECT_NE(answer.body.find("marketo_sync_health_requests_total{path=\"other\",code=\"404\"} 1\n"),
            std::string::npos);
  // The scrape itself is counted once it has been answered.
  EXPECT_EQ(answer.body.find("path=\"/metrics\""), std::string::npos);
  EXPECT_NE(metrics_.render().find("{path=\"/metrics\",code=\"200\"} 1\n"), std::string::npos);
}

TEST_F(HealthServerTest, HeadHasGetHeadersAndNoBody) {
  start();
  const Answer answer = one(get("/status", "HEAD"), true);
  EXPECT_EQ(answer.status, 200u);
  EXPECT_EQ(answer.headers.at("content-type"), "application/json");
  EXPECT_EQ(answer.headers.at("content-length"),
            std::to_string(std::string("{\"syncs\":[]}").size()));
  // Read to the end of the connection: nothing follows the header block.
  EXPECT_EQ(answer.raw.substr(answer.raw.size() - 4), "\r\n\r\n");
}

TEST_F(HealthServerTest, OtherMethodsAre405WithAllow) {
  start();
  const Answer answer =
      one("POST /livez HTTP/1.1\r\nHost: x\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
  EXPECT_EQ(answer.status, 405u);
  EXPECT_EQ(answer.headers.at("allow"), "GET, HEAD");
}

TEST_F(HealthServerTest, UnknownPathIs404) {
  start();
  EXPECT_EQ(one(get("/admin")).status, 404u);
}

TEST_F(HealthServerTest, OversizedHeaderIs431) {
  start();
  const std::string request =
      "GET /livez HTTP/1.1\r\nHost: x\r\nX-Big: " + std::string(9000, 'a') + "\r\n\r\n";
  EXPECT_EQ(one(request).status, 431u);
  EXPECT_NE(metrics_.render().find("{path=\"other\",code=\"431\"} 1\n"), std::string::npos);
}

TEST_F(HealthServerTest, GarbageIs400) {
  start();
  EXPECT_EQ(one("HELLO\x01 WORLD\r\n\r\n").status, 400u);
}

TEST_F(HealthServerTest, LargeBodyIs413) {
  start();
  const Answer answer = one("GET /livez HTTP/1.1\r\nHost: x\r\nContent-Length: 100000\r\n\r\n");
  EXPECT_EQ(answer.status, 413u);
}

TEST_F(HealthServerTest, KeepAliveServesSeveralRequestsOnOneConnection) {
  start();
  const auto answers = run(reuse_one_connection());
  ASSERT_EQ(answers.size(), 4u);
  for (const auto& answer : answers) EXPECT_EQ(answer.status, 200u);
  EXPECT_EQ(answers[1].body, "ok");
  EXPECT_EQ(answers[2].headers.at("content-length"), "14");
  EXPECT_EQ(answers[3].body, "ok");
}

TEST_F(HealthServerTest, SlowClientIsCutOffWhileOthersAreServed) {
  options_.read_timeout = std::chrono::milliseconds(200);
  start();
  const SlowOutcome outcome = run(slow_and_normal_client());
  EXPECT_EQ(outcome.served.status, 200u);
  EXPECT_GE(outcome.open_while_served, 1u);
  EXPECT_EQ(outcome.slow_received, "");
  EXPECT_EQ(server_->open_connections(), 0u);
}

TEST_F(HealthServerTest, ConnectionsBeyondTheCapAreClosed) {
  options_.max_connections = 2;
  start();
  const CapOutcome outcome = run(fill_connection_cap());
  EXPECT_EQ(outcome.third, "");
  EXPECT_EQ(outcome.after_release.status, 200u);
  EXPECT_NE(metrics_.render().find("marketo_sync_health_connections_refused_total 1\n"),
            std::string::npos);
}

TEST_F(HealthServerTest, StopClosesIdleKeepAliveConnections) {
  start();
  EXPECT_EQ(run(stop_while_idle()), "");
  EXPECT_EQ(server_->open_connections(), 0u);
}

TEST_F(HealthServerTest, RefusesNonLoopbackUnlessAllowed) {
  options_.host = "0.0.0.0";
  HealthServer refused(io_, options_, metrics_, {});
  const auto status = refused.start();
  ASSERT_FALSE(status.ok());
  EXPECT_NE(status.error().message.find("non-loopback"), std::string::npos);
  EXPECT_EQ(refused.port(), 0);

  options_.allow_non_loopback = true;
  HealthServer allowed(io_, options_, metrics_, {});
  EXPECT_TRUE(allowed.start().ok());
  EXPECT_NE(allowed.port(), 0);
  allowed.stop();
  io_.run();
}

TEST_F(HealthServerTest, RefusesAHostName) {
  options_.host = "localhost";
  HealthServer server(io_, options_, metrics_, {});
  const auto status = server.start();
  ASSERT_FALSE(status.ok());
  EXPECT_NE(status.error().message.find("not an IP address"), std::string::npos);
}

TEST_F(HealthServerTest, PortInUseIsAnError) {
  start();
  options_.port = server_->port();
  HealthServer second(io_, options_, metrics_, {});
  const auto status = second.start();
  ASSERT_FALSE(status.ok());
  EXPECT_NE(status.error().message.find("bind"), std::string::npos);
  server_->stop();
  io_.run();
}

}  // namespace
}  // namespace msync::health
