// The describe endpoints through the real binary: a Bearer token required, answered as Marketo
// does, subject to injected call limit faults, and in the request log.
#include <gtest/gtest.h>

#include <string>

#include "fake_marketo_process.hpp"
#include "marketo_session.hpp"

namespace fake_test {
namespace {

const std::string describe_paths[] = {"/rest/v1/leads/describe.json", "/rest/v1/leads/describe2.json",
                                      "/rest/v1/program/members/describe.json"};

TEST(FakeMarketoDescribe, AnswersWithABearerTokenOnly) {
  FakeMarketoProcess server({"--leads", "10"});
  TestClient client(server.url());
  MarketoSession marketo(client);
  const std::string token = marketo.token();
  for (const auto& path : describe_paths) {
    EXPECT_EQ(marketo_error(client.get(path).body), "600") << path;
    const Reply r = marketo.call("GET", path, token);
    EXPECT_EQ(r.status, 200u);
    const auto d = parse_json(r.body);
    EXPECT_TRUE(d["success"].GetBool()) << path << ": " << r.body;
    EXPECT_GT(d["result"].Size(), 0u) << path;
  }
  const auto leads = parse_json(marketo.call("GET", describe_paths[0], token).body);
  EXPECT_EQ(std::string(leads["result"][1]["displayName"].GetString()), "Email Address");
  const auto members = parse_json(marketo.call("GET", describe_paths[2], token).body);
  EXPECT_EQ(std::string(members["result"][0]["name"].GetString()), "API Program Member");
  EXPECT_EQ(client.request("POST", "/admin/expire-tokens").status, 200u);
  EXPECT_EQ(marketo_error(marketo.call("GET", describe_paths[1], token).body), "602");
  EXPECT_EQ(marketo_error(marketo.call("GET", "/rest/v1/leads/describe9.json", token).body), "610");
}

TEST(FakeMarketoDescribe, CallLimitFaultsHitItAndTheLogRecordsIt) {
  FakeMarketoProcess server({"--leads", "10"});
  TestClient client(server.url());
  MarketoSession marketo(client);
  const std::string token = marketo.token();
  EXPECT_EQ(client.request("POST", "/admin/faults", "606:1").status, 200u);
  EXPECT_EQ(marketo_error(marketo.call("GET", describe_paths[0], token).body), "606");
  EXPECT_EQ(client.request("POST", "/admin/faults", "615:1").status, 200u);
  EXPECT_EQ(marketo_error(marketo.call("GET", describe_paths[2], token).body), "615");
  EXPECT_EQ(client.request("POST", "/admin/faults", "").status, 200u);
  EXPECT_EQ(marketo_error(marketo.call("GET", describe_paths[2], token).body), "");

  const std::string log = client.get("/admin/requests").body;
  std::size_t described = 0;
  for (std::size_t at = log.find(describe_paths[2]); at != std::string::npos; at = log.find(describe_paths[2], at + 1))
    ++described;
  EXPECT_EQ(described, 2u) << log;
  EXPECT_NE(log.find("\"marketo_error\":\"606\",\"authorization\":true"), std::string::npos) << log;
}

}  // namespace
}  // namespace fake_test
