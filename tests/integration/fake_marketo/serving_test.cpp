// Serving: tokens over a kept-alive connection, a job's whole life on a fast clock, the file equal
// to `fake-marketo expect`, Range, HTTPS with the test CA, and malformed requests.
#include <gtest/gtest.h>

#include "fake_marketo_process.hpp"
#include "marketo_session.hpp"

namespace fake_test {
namespace {

const std::vector<std::string> fast_clock{"--leads",        "2000", "--queue-seconds",  "0.1",
                                          "--process-seconds", "0.3", "--status-refresh", "0.05"};

std::string expected_file() {
  const auto result = run_fake_marketo(
      {"expect", "--leads", "2000", "--fields", "id,email,firstName,lastName,createdAt,updatedAt", "--format",
       "csv", "--filter", R"({"createdAt":{"startAt":"2024-03-01T00:00:00Z","endAt":"2024-03-08T00:00:00Z"}})"});
  if (result.exit_code != 0) throw std::runtime_error("expect failed: " + result.err);
  return result.out;
}

// Runs a job to Completed; its exportId.
std::string completed_job(MarketoSession& marketo, const std::string& token) {
  const std::string id = marketo.create(token);
  const Reply enqueued = marketo.call("POST", "/bulk/v1/leads/export/" + id + "/enqueue.json", token);
  EXPECT_EQ(marketo_error(enqueued.body), "") << enqueued.body;
  marketo.wait_for(token, id, "Completed");
  return id;
}

TEST(FakeMarketoServing, TokensOnOneKeptAliveConnection) {
  FakeMarketoProcess server({"--leads", "10"});
  TestClient client(server.url());
  MarketoSession marketo(client);
  const std::string first = marketo.token();
  const std::string second = marketo.token();
  EXPECT_FALSE(first.empty());
  EXPECT_EQ(first, second);  // Marketo hands out the same token while it lives
  EXPECT_EQ(client.connections_opened(), 1);
}

TEST(FakeMarketoServing, JobLivesCreatedQueuedProcessingCompletedAndItsFileIsTheExpectedOne) {
  FakeMarketoProcess server(fast_clock);
  TestClient client(server.url());
  MarketoSession marketo(client);
  const std::string token = marketo.token();
  const std::string id = marketo.create(token);
  EXPECT_EQ(std::string(marketo.status(token, id)["result"][0]["status"].GetString()), "Created");
  EXPECT_EQ(client.get("/bulk/v1/leads/export/" + id + "/file.json", marketo.auth(token)).status, 404u);

  const Reply enqueued = marketo.call("POST", "/bulk/v1/leads/export/" + id + "/enqueue.json", token);
  EXPECT_EQ(std::string(parse_json(enqueued.body)["result"][0]["status"].GetString()), "Queued");
  const auto seen = marketo.wait_for(token, id, "Completed");
  EXPECT_EQ(seen, (std::vector<std::string>{"Queued", "Processing", "Completed"}));

  const auto status = marketo.status(token, id);
  const Reply file = client.get("/bulk/v1/leads/export/" + id + "/file.json", marketo.auth(token));
  ASSERT_EQ(file.status, 200u);
  ASSERT_TRUE(file.complete);
  EXPECT_EQ(file.body, expected_file());
  EXPECT_EQ(status["result"][0]["fileSize"].GetUint64(), file.body.size());
  EXPECT_EQ(std::string(status["result"][0]["fileChecksum"].GetString()), "sha256:" + sha256_hex(file.body));
}

TEST(FakeMarketoServing, RangeAnswers206And416) {
  FakeMarketoProcess server(fast_clock);
  TestClient client(server.url());
  MarketoSession marketo(client);
  const std::string token = marketo.token();
  const std::string id = completed_job(marketo, token);
  const std::string whole = expected_file();
  const std::string target = "/bulk/v1/leads/export/" + id + "/file.json";

  auto headers = marketo.auth(token);
  headers.emplace_back("Range", "bytes=10-99");
  const Reply part = client.get(target, headers);
  EXPECT_EQ(part.status, 206u);
  EXPECT_EQ(part.body, whole.substr(10, 90));
  EXPECT_EQ(part.headers.at("content-range"), "bytes 10-99/" + std::to_string(whole.size()));

  headers.back().second = "bytes=100-";
  const Reply tail = client.get(target, headers);
  EXPECT_EQ(tail.status, 206u);
  EXPECT_EQ(tail.body, whole.substr(100));

  headers.back().second = "bytes=" + std::to_string(whole.size()) + "-";
  const Reply beyond = client.get(target, headers);
  EXPECT_EQ(beyond.status, 416u);
  EXPECT_EQ(beyond.headers.at("content-range"), "bytes */" + std::to_string(whole.size()));
  EXPECT_EQ(client.connections_opened(), 1);  // file answers keep the connection alive
}

TEST(FakeMarketoServing, HttpsWithTheTestCa) {
  auto args = fast_clock;
  args.insert(args.end(), {"--tls-cert", source_path("tests/fake_marketo/certs/server.pem"), "--tls-key",
                           source_path("tests/fake_marketo/certs/server.key")});
  FakeMarketoProcess server(args);
  ASSERT_TRUE(server.url().starts_with("https://127.0.0.1:")) << server.url();
  TestClient client(server.url(), source_path("tests/fake_marketo/certs/ca.pem"));
  MarketoSession marketo(client);
  const std::string token = marketo.token();
  const std::string id = completed_job(marketo, token);
  const Reply file = client.get("/bulk/v1/leads/export/" + id + "/file.json", marketo.auth(token));
  ASSERT_EQ(file.status, 200u);
  EXPECT_EQ(file.body, expected_file());

  TestClient untrusting(server.url());  // no test CA: the system store does not know it
  const Reply refused = untrusting.get(token_target);
  EXPECT_EQ(refused.status, 0u);
  EXPECT_FALSE(refused.error.empty());
}

TEST(FakeMarketoServing, HttpsCertificateForAnotherHostIsRefused) {
  FakeMarketoProcess server({"--leads", "10", "--tls-cert", source_path("tests/fake_marketo/certs/wrong-host.pem"),
                             "--tls-key", source_path("tests/fake_marketo/certs/wrong-host.key")});
  TestClient client(server.url(), source_path("tests/fake_marketo/certs/ca.pem"));
  const Reply reply = client.get(token_target);
  EXPECT_EQ(reply.status, 0u);
  EXPECT_FALSE(reply.error.empty());
}

TEST(FakeMarketoServing, MalformedRequestsAnswer400) {
  FakeMarketoProcess server({"--leads", "10"});
  TestClient client(server.url());
  EXPECT_TRUE(client.raw("THIS IS NOT HTTP\r\n\r\n").starts_with("HTTP/1.1 400")) ;
  const std::string huge_header = "GET /identity/oauth/token HTTP/1.1\r\nHost: x\r\nX-Big: " +
                                  std::string(64 * 1024, 'a') + "\r\n\r\n";
  EXPECT_TRUE(client.raw(huge_header).starts_with("HTTP/1.1 400"));
  // The server is still there for well-formed requests.
  EXPECT_EQ(client.get(token_target).status, 200u);
}

TEST(FakeMarketoServing, ServeFlagsReachTheSimulator) {
  FakeMarketoProcess server({"--leads", "100", "--client-id", "someone", "--client-secret", "hush",
                             "--disable-filter", "updatedAt,smartListId", "--max-processing", "1",
                             "--max-queued", "1", "--queue-seconds", "1000"});
  TestClient client(server.url());
  EXPECT_EQ(client.get(token_target).status, 401u);  // the default credentials no longer work
  const Reply issued =
      client.get("/identity/oauth/token?grant_type=client_credentials&client_id=someone&client_secret=hush");
  ASSERT_EQ(issued.status, 200u);
  const std::string token = parse_json(issued.body)["access_token"].GetString();
  MarketoSession marketo(client);
  const Reply refused = marketo.call(
      "POST", "/bulk/v1/leads/export/create.json", token,
      R"({"fields":["id"],"filter":{"updatedAt":{"startAt":"2024-03-01T00:00:00Z","endAt":"2024-03-08T00:00:00Z"}}})");
  EXPECT_EQ(marketo_error(refused.body), "1035");
  const std::string first = marketo.create(token);
  const std::string second = marketo.create(token);
  EXPECT_EQ(marketo_error(marketo.call("POST", "/bulk/v1/leads/export/" + first + "/enqueue.json", token).body), "");
  EXPECT_EQ(marketo_error(marketo.call("POST", "/bulk/v1/leads/export/" + second + "/enqueue.json", token).body),
            "1029");
}

}  // namespace
}  // namespace fake_test
