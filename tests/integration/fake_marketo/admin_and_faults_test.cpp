// The admin endpoints, injected faults (by flag and by endpoint) and the request log.
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <sstream>

#include <gtest/gtest.h>

#include "fake_marketo_process.hpp"
#include "marketo_session.hpp"

namespace fake_test {
namespace {

const std::string status_of_nothing = "/bulk/v1/leads/export/none/status.json";

std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  return lines;
}

TEST(FakeMarketoAdmin, ExpireTokensMakesTheNextCallAnswer602) {
  FakeMarketoProcess server({"--leads", "10"});
  TestClient client(server.url());
  MarketoSession marketo(client);
  const std::string token = marketo.token();
  EXPECT_EQ(marketo_error(marketo.call("GET", status_of_nothing, token).body), "1003");
  EXPECT_EQ(client.request("POST", "/admin/expire-tokens").status, 200u);
  EXPECT_EQ(marketo_error(marketo.call("GET", status_of_nothing, token).body), "602");
  EXPECT_NE(marketo.token(), token);  // a fresh token after expiry
}

TEST(FakeMarketoAdmin, AdvanceClockExpiresTokensByTheirTtl) {
  FakeMarketoProcess server({"--leads", "10", "--token-ttl", "100"});
  TestClient client(server.url());
  MarketoSession marketo(client);
  const std::string token = marketo.token();
  EXPECT_EQ(client.request("POST", "/admin/advance-clock?seconds=50").status, 200u);
  EXPECT_EQ(marketo_error(marketo.call("GET", status_of_nothing, token).body), "1003");
  EXPECT_EQ(client.request("POST", "/admin/advance-clock?seconds=50.5").status, 200u);
  EXPECT_EQ(marketo_error(marketo.call("GET", status_of_nothing, token).body), "602");
  EXPECT_EQ(client.request("POST", "/admin/advance-clock?seconds=-1").status, 400u);
  EXPECT_EQ(client.request("POST", "/admin/advance-clock").status, 400u);
}

TEST(FakeMarketoAdmin, ExhaustQuotaRefusesEnqueueWith1029) {
  FakeMarketoProcess server({"--leads", "100"});
  TestClient client(server.url());
  MarketoSession marketo(client);
  const std::string token = marketo.token();
  const std::string id = marketo.create(token);
  EXPECT_EQ(client.request("POST", "/admin/exhaust-quota").status, 200u);
  const Reply enqueued = marketo.call("POST", "/bulk/v1/leads/export/" + id + "/enqueue.json", token);
  EXPECT_EQ(marketo_error(enqueued.body), "1029") << enqueued.body;
}

TEST(FakeMarketoAdmin, FaultsEndpointReplacesTheSpec) {
  FakeMarketoProcess server({"--leads", "10"});
  TestClient client(server.url());
  EXPECT_EQ(client.request("POST", "/admin/faults", "606:1").status, 200u);
  const Reply limited = client.get(token_target);
  EXPECT_EQ(limited.status, 200u);
  EXPECT_EQ(marketo_error(limited.body), "606");
  EXPECT_EQ(std::string(parse_json(limited.body)["errors"][0]["message"].GetString()),
            "Max rate limit '100' exceeded with in '20' secs");
  EXPECT_EQ(client.request("POST", "/admin/faults", "615:1").status, 200u);
  const Reply busy = client.get(token_target);
  EXPECT_EQ(marketo_error(busy.body), "615");
  EXPECT_EQ(std::string(parse_json(busy.body)["errors"][0]["message"].GetString()), "Concurrent access limit reached");
  EXPECT_EQ(client.request("POST", "/admin/faults", "bogus:1").status, 400u);
  EXPECT_EQ(marketo_error(client.get(token_target).body), "615");  // a bad spec changes nothing
  EXPECT_EQ(client.request("POST", "/admin/faults", "").status, 200u);
  EXPECT_EQ(client.get(token_target).status, 200u);
  EXPECT_TRUE(parse_json(client.get(token_target).body).HasMember("access_token"));
}

TEST(FakeMarketoAdmin, ProgramMembersListsWhatImportsMade) {
  FakeMarketoProcess server({"--leads", "10"});
  TestClient client(server.url());
  const Reply none = client.get("/admin/program-members?programId=1001");
  ASSERT_EQ(none.status, 200u);
  const auto d = parse_json(none.body);
  EXPECT_EQ(d["programId"].GetInt64(), 1001);
  EXPECT_TRUE(d["members"].IsArray());
  EXPECT_EQ(d["members"].Size(), 0u);
  EXPECT_EQ(client.get("/admin/program-members").status, 400u);
  EXPECT_EQ(client.get("/admin/program-members?programId=x").status, 400u);
}

TEST(FakeMarketoAdmin, UnknownEndpointsAndMethods) {
  FakeMarketoProcess server({"--leads", "10"});
  TestClient client(server.url());
  EXPECT_EQ(client.request("POST", "/admin/nothing").status, 404u);
  EXPECT_EQ(client.request("GET", "/admin/expire-tokens").status, 405u);
  EXPECT_EQ(client.request("POST", "/admin/requests").status, 405u);
}

TEST(FakeMarketoFaults, FlagFaultsHitMarketoPathsButNotAdmin) {
  FakeMarketoProcess server({"--leads", "10", "--faults", "606:1.0"});
  TestClient client(server.url());
  for (int i = 0; i < 5; ++i) EXPECT_EQ(marketo_error(client.get(token_target).body), "606");
  EXPECT_EQ(marketo_error(client.get(status_of_nothing).body), "606");
  EXPECT_EQ(client.get("/admin/requests").status, 200u);
}

TEST(FakeMarketoFaults, ServerErrorsAreHtml502Or503) {
  FakeMarketoProcess server({"--leads", "10", "--faults", "5xx:1"});
  TestClient client(server.url());
  for (int i = 0; i < 6; ++i) {
    const Reply r = client.get(token_target);
    EXPECT_TRUE(r.status == 502u || r.status == 503u) << r.status;
    EXPECT_EQ(r.headers.at("content-type"), "text/html");
    EXPECT_NE(r.body.find("<html>"), std::string::npos);
  }
}

TEST(FakeMarketoFaults, MalformedTruncatesTheJson) {
  FakeMarketoProcess server({"--leads", "10", "--faults", "malformed:1"});
  TestClient client(server.url());
  const Reply r = client.get(token_target);
  EXPECT_EQ(r.status, 200u);
  EXPECT_FALSE(r.body.empty());
  EXPECT_THROW(parse_json(r.body), std::runtime_error);
}

TEST(FakeMarketoFaults, ExpireFaultExpiresBeforeHandling) {
  FakeMarketoProcess server({"--leads", "10"});
  TestClient client(server.url());
  MarketoSession marketo(client);
  const std::string token = marketo.token();
  EXPECT_EQ(client.request("POST", "/admin/faults", "expire:1").status, 200u);
  EXPECT_EQ(marketo_error(marketo.call("GET", status_of_nothing, token).body), "602");
}

TEST(FakeMarketoFaults, StallDelaysTheAnswer) {
  FakeMarketoProcess server({"--leads", "10", "--faults", "stall:1:300ms"});
  TestClient client(server.url());
  const auto start = std::chrono::steady_clock::now();
  EXPECT_EQ(client.get(token_target).status, 200u);
  EXPECT_GE(std::chrono::steady_clock::now() - start, std::chrono::milliseconds(300));
}

TEST(FakeMarketoFaults, CutClosesTheConnectionMidFile) {
  FakeMarketoProcess server({"--leads", "2000", "--queue-seconds", "0", "--process-seconds", "0.1",
                             "--status-refresh", "0.05"});
  TestClient client(server.url());
  MarketoSession marketo(client);
  const std::string token = marketo.token();
  const std::string id = marketo.create(token);
  marketo.call("POST", "/bulk/v1/leads/export/" + id + "/enqueue.json", token);
  marketo.wait_for(token, id, "Completed");
  const auto size = marketo.status(token, id)["result"][0]["fileSize"].GetUint64();
  ASSERT_GT(size, 1000u);
  EXPECT_EQ(client.request("POST", "/admin/faults", "cut:1:1000").status, 200u);
  const Reply cut = client.get("/bulk/v1/leads/export/" + id + "/file.json", marketo.auth(token));
  EXPECT_EQ(cut.status, 200u);
  EXPECT_FALSE(cut.complete);
  EXPECT_EQ(cut.body.size(), 1000u);
  EXPECT_EQ(client.request("POST", "/admin/faults", "").status, 200u);
  const Reply whole = client.get("/bulk/v1/leads/export/" + id + "/file.json", marketo.auth(token));
  EXPECT_TRUE(whole.complete);
  EXPECT_EQ(whole.body.size(), size);
  EXPECT_EQ(whole.body.substr(0, 1000), cut.body);
}

// A job that Marketo failed, and a completed file that expired: the two faults that cost a job.
class FakeMarketoJobFaults : public ::testing::Test {
 protected:
  FakeMarketoProcess server{{"--leads", "200", "--queue-seconds", "0", "--process-seconds", "0.1",
                             "--status-refresh", "0.05"}};
  TestClient client{server.url()};
  MarketoSession marketo{client};
  std::string token = marketo.token();

  std::string enqueued_job() {
    const std::string id = marketo.create(token);
    const Reply r = marketo.call("POST", "/bulk/v1/leads/export/" + id + "/enqueue.json", token);
    EXPECT_EQ(marketo_error(r.body), "") << r.body;
    return id;
  }
  Reply file(const std::string& id) { return client.get("/bulk/v1/leads/export/" + id + "/file.json", marketo.auth(token)); }
};

TEST_F(FakeMarketoJobFaults, QuotaFaultRefusesEnqueueOnlyWith1029) {
  EXPECT_EQ(client.request("POST", "/admin/faults", "1029:1").status, 200u);
  EXPECT_EQ(marketo_error(client.get(token_target).body), "");  // token calls are not enqueues
  const std::string id = marketo.create(token);
  const Reply r = marketo.call("POST", "/bulk/v1/leads/export/" + id + "/enqueue.json", token);
  EXPECT_EQ(marketo_error(r.body), "1029");
  EXPECT_NE(r.body.find("Export daily quota exceeded"), std::string::npos) << r.body;
  EXPECT_EQ(client.request("POST", "/admin/faults", "").status, 200u);
  EXPECT_EQ(marketo_error(marketo.call("POST", "/bulk/v1/leads/export/" + id + "/enqueue.json", token).body), "");
}

TEST_F(FakeMarketoJobFaults, FailedFaultMakesTheEnqueuedJobEndFailed) {
  EXPECT_EQ(client.request("POST", "/admin/faults", "failed:1").status, 200u);
  const std::string doomed = enqueued_job();
  EXPECT_EQ(client.request("POST", "/admin/faults", "").status, 200u);
  const std::string healthy = enqueued_job();
  marketo.wait_for(token, doomed, "Failed");
  marketo.wait_for(token, healthy, "Completed");
  EXPECT_EQ(file(doomed).status, 404u);
  EXPECT_EQ(file(healthy).status, 200u);
}

TEST_F(FakeMarketoJobFaults, FileGoneFaultExpiresTheFileForGood) {
  const std::string id = enqueued_job();
  marketo.wait_for(token, id, "Completed");
  EXPECT_EQ(client.request("POST", "/admin/faults", "404:1").status, 200u);
  EXPECT_EQ(marketo_error(marketo.call("GET", "/bulk/v1/leads/export/" + id + "/status.json", token).body), "");
  const Reply gone = file(id);
  EXPECT_EQ(gone.status, 404u);
  EXPECT_NE(gone.body.find("expired"), std::string::npos) << gone.body;
  EXPECT_EQ(client.request("POST", "/admin/faults", "").status, 200u);
  EXPECT_EQ(file(id).status, 404u);  // expired is expired
}

TEST(FakeMarketoFaults, SameSeedSameFaultsAcrossRuns) {
  const auto pattern = [](const std::string& seed) {
    FakeMarketoProcess server({"--leads", "10", "--faults", "606:0.5", "--fault-seed", seed});
    TestClient client(server.url());
    std::string seen;
    for (int i = 0; i < 40; ++i) seen += marketo_error(client.get(token_target).body) == "606" ? 'x' : '.';
    return seen;
  };
  const std::string first = pattern("7");
  EXPECT_EQ(first, pattern("7"));
  EXPECT_NE(first.find('x'), std::string::npos);
  EXPECT_NE(first.find('.'), std::string::npos);
}

TEST(FakeMarketoRequestLog, RecordsEveryRequestWithoutSecrets) {
  char dir_template[] = "/tmp/fake-marketo-log-XXXXXX";
  ASSERT_NE(::mkdtemp(dir_template), nullptr);
  const std::string log_path = std::string(dir_template) + "/requests.jsonl";
  std::string token;
  std::string listed;
  {
    FakeMarketoProcess server({"--leads", "10", "--request-log", log_path});
    TestClient client(server.url());
    MarketoSession marketo(client);
    token = marketo.token();
    marketo.call("GET", status_of_nothing, token);
    client.request("POST", "/admin/faults", "606:1");
    client.get(token_target);
    listed = client.get("/admin/requests").body;
  }
  std::ifstream file(log_path);
  const std::string logged((std::istreambuf_iterator<char>(file)), std::istreambuf_iterator<char>());
  std::filesystem::remove_all(dir_template);

  EXPECT_EQ(listed, logged.substr(0, listed.size()));  // the file also holds the listing call
  const auto lines = lines_of(listed);
  ASSERT_EQ(lines.size(), 4u) << listed;
  EXPECT_EQ(logged.find("demo-secret"), std::string::npos);
  EXPECT_EQ(logged.find(token), std::string::npos);

  const auto first = parse_json(lines[0]);
  EXPECT_EQ(std::string(first["method"].GetString()), "GET");
  EXPECT_EQ(std::string(first["target"].GetString()),
            "/identity/oauth/token?grant_type=client_credentials&client_id=demo-client&client_secret=REDACTED");
  EXPECT_EQ(first["status"].GetUint(), 200u);
  EXPECT_FALSE(first["authorization"].GetBool());
  EXPECT_GT(first["bytes"].GetUint64(), 0u);
  EXPECT_TRUE(std::string(first["time"].GetString()).ends_with("Z"));

  const auto second = parse_json(lines[1]);
  EXPECT_TRUE(second["authorization"].GetBool());
  EXPECT_EQ(std::string(second["marketo_error"].GetString()), "1003");

  const auto fourth = parse_json(lines[3]);
  EXPECT_EQ(std::string(fourth["marketo_error"].GetString()), "606");
  EXPECT_EQ(std::string(fourth["faults"].GetString()), "606");
}

}  // namespace
}  // namespace fake_test
