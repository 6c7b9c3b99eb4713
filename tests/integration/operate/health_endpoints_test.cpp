// The daemon's health endpoint while it syncs: liveness, readiness with its reason, /status as
// `status --json` prints it, /metrics in the Prometheus text format, and bad or slow requests that
// get their status without disturbing anything else.
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <rapidjson/document.h>
#include <signal.h>
#include <sys/socket.h>
#include <unistd.h>

#include <sstream>

#include "integration/operate/daemon_scenario.hpp"
#include "integration/operate/http_probe.hpp"

namespace msync::operate_test {
namespace {

using ::testing::HasSubstr;
using ::testing::StartsWith;

rapidjson::Document parse_json(const std::string& text) {
  rapidjson::Document d;
  d.Parse(text.c_str(), text.size());
  EXPECT_FALSE(d.HasParseError()) << text;
  return d;
}

void stop(DaemonScenario& scenario) {
  scenario.daemon().signal(SIGTERM);
  const auto code = scenario.daemon().wait_for(10s);
  ASSERT_TRUE(code.has_value()) << "no exit within 10 s of SIGTERM";
  EXPECT_EQ(*code, 0) << scenario.log();
}

TEST(HealthEndpoints, LivenessReadinessStatusAndMetricsWhileSyncing) {
  DaemonScenario scenario;
  scenario.start();
  const auto port = scenario.health_port();
  ASSERT_NE(port, 0) << scenario.log();

  const auto live = http_get(port, "/livez");
  EXPECT_EQ(live.status, 200u);
  EXPECT_EQ(live.body, "ok");
  ASSERT_TRUE(eventually([&] { return http_get(port, "/readyz").status == 200; }, 30s)) << scenario.log();
  EXPECT_EQ(http_get(port, "/readyz").body, "{\"ready\":true}");
  EXPECT_EQ(http_get(port, "/healthz").status, 200u);

  // /status follows the work until the month is staged.
  std::string status;
  ASSERT_TRUE(eventually(
      [&] {
        status = http_get(port, "/status").body;
        return status.find("\"windowsStaged\":6,") != std::string::npos;
      },
      60s))
      << status << scenario.log();
  const auto answer = http_get(port, "/status");
  EXPECT_EQ(answer.status, 200u);
  EXPECT_EQ(answer.headers.at("content-type"), "application/json");
  auto d = parse_json(answer.body);
  ASSERT_TRUE(d.IsObject());
  EXPECT_GT(d["callsToday"].GetInt64(), 0);
  EXPECT_GT(d["exportBytesToday"].GetInt64(), 0);
  ASSERT_EQ(d["syncs"].Size(), 1u);
  const auto& sync = d["syncs"][0];
  EXPECT_STREQ(sync["name"].GetString(), "leads_created");
  EXPECT_GE(sync["lagSeconds"].GetInt64(), 0);
  EXPECT_LT(sync["lagSeconds"].GetInt64(), 3600);
  EXPECT_EQ(sync["windowsPending"].GetInt64(), 0);
  EXPECT_TRUE(sync["lastJobError"].IsNull());
  EXPECT_TRUE(d["jobsInFlight"].IsArray());
  EXPECT_TRUE(d["importsInFlight"].IsArray());

  const auto metrics = http_get(port, "/metrics");
  EXPECT_EQ(metrics.status, 200u);
  EXPECT_THAT(metrics.headers.at("content-type"), StartsWith("text/plain; version=0.0.4"));
  const std::string& text = metrics.body;
  EXPECT_THAT(text, HasSubstr("# HELP marketo_sync_jobs "));
  EXPECT_THAT(text, HasSubstr("# TYPE marketo_sync_jobs gauge\n"));
  EXPECT_THAT(text, HasSubstr("marketo_sync_jobs{state=\"staged\"} 6\n"));
  EXPECT_THAT(text, HasSubstr("# TYPE marketo_sync_api_calls_total counter\n"));
  EXPECT_THAT(text, HasSubstr("marketo_sync_api_calls_total{endpoint=\"identity.token\",code=\"0\"} 1\n"));
  EXPECT_THAT(text, HasSubstr("marketo_sync_api_calls_total{endpoint=\"export.create\",code=\"0\"} 6\n"));
  EXPECT_THAT(text, HasSubstr("marketo_sync_windows{sync=\"leads_created\",state=\"staged\"} 6\n"));
  EXPECT_THAT(text, HasSubstr("marketo_sync_watermark_lag_seconds{sync=\"leads_created\"} "));
  EXPECT_THAT(text, HasSubstr("marketo_sync_export_quota_bytes_used "));
  EXPECT_THAT(text, HasSubstr("marketo_sync_export_quota_bytes_limit 500000000\n"));
  std::istringstream lines(text);
  for (std::string line; std::getline(lines, line);) {
    if (line.starts_with("# HELP ") || line.starts_with("# TYPE ")) line = line.substr(7);
    EXPECT_THAT(line, StartsWith("marketo_sync_"));
  }

  EXPECT_EQ(http_get(port, "/nope").status, 404u);
  const auto post = http_get(port, "/status", "POST");
  EXPECT_EQ(post.status, 405u);
  EXPECT_EQ(post.headers.at("allow"), "GET, HEAD");
  const auto huge = http_exchange(port, "GET /livez HTTP/1.1\r\nHost: x\r\nX-Big: " + std::string(20000, 'a') + "\r\n\r\n");
  EXPECT_EQ(huge.status, 431u);
  stop(scenario);

  // The same document from the state while the daemon is down.
  const auto cli = scenario.run({"status", "--json"});
  ASSERT_EQ(cli.exit_code, 0) << cli.err;
  auto offline = parse_json(cli.out);
  ASSERT_TRUE(offline.IsObject());
  EXPECT_EQ(offline["syncs"][0]["windowsStaged"].GetInt64(), 6);
  EXPECT_STREQ(offline["syncs"][0]["watermark"].GetString(), sync["watermark"].GetString());
  const auto table = scenario.run({"status"});
  ASSERT_EQ(table.exit_code, 0) << table.err;
  EXPECT_THAT(table.out, HasSubstr("leads_created"));
}

// A Marketo that accepts connections and never answers: the token request hangs.
class SilentServer {
 public:
  SilentServer() {
    fd_ = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    ::bind(fd_, reinterpret_cast<sockaddr*>(&address), sizeof address);
    ::listen(fd_, 16);
    socklen_t size = sizeof address;
    ::getsockname(fd_, reinterpret_cast<sockaddr*>(&address), &size);
    port_ = ntohs(address.sin_port);
  }
  ~SilentServer() { ::close(fd_); }
  std::string url() const { return "http://127.0.0.1:" + std::to_string(port_); }

 private:
  int fd_ = -1;
  std::uint16_t port_ = 0;
};

TEST(HealthEndpoints, NotReadyWithAReasonUntilMarketoAnswersAndStillStopsOnTime) {
  SilentServer silent;
  ScenarioOptions options;
  options.start_fake = false;
  options.base_url = silent.url();
  DaemonScenario scenario(options);
  scenario.start();
  const auto port = scenario.health_port();
  ASSERT_NE(port, 0) << scenario.log();
  EXPECT_EQ(http_get(port, "/livez").status, 200u);
  const auto ready = http_get(port, "/readyz");
  EXPECT_EQ(ready.status, 503u);
  EXPECT_EQ(ready.headers.at("content-type"), "application/json");
  auto d = parse_json(ready.body);
  ASSERT_TRUE(d.IsObject());
  EXPECT_FALSE(d["ready"].GetBool());
  EXPECT_THAT(d["reason"].GetString(), StartsWith("no successful Marketo call yet"));
  // The token request still hangs: SIGTERM ends the daemon within 10 s all the same.
  stop(scenario);
}

TEST(HealthEndpoints, SlowClientsNeitherBlockOtherRequestsNorTheSync) {
  DaemonScenario scenario;
  scenario.start();
  const auto port = scenario.health_port();
  ASSERT_NE(port, 0) << scenario.log();
  std::vector<std::unique_ptr<OpenConnection>> slow;
  for (int i = 0; i < 8; ++i) {
    slow.push_back(std::make_unique<OpenConnection>(port));
    EXPECT_TRUE(slow.back()->send("GET /status HTTP/1.1\r\nHost: x\r\nX-Slow: "));
  }
  for (int round = 0; round < 5; ++round) {
    for (auto& connection : slow) connection->send("a");
    const auto answer = http_exchange(port, "GET /livez HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n", 5s);
    EXPECT_EQ(answer.status, 200u) << "round " << round;
  }
  EXPECT_TRUE(scenario.wait_for_manifests("leads_created", 6)) << scenario.log();
  stop(scenario);
}

}  // namespace
}  // namespace msync::operate_test
