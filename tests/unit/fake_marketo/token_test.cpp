// The identity endpoint and the token rules every other call is held to.
#include "sim_fixture.hpp"

namespace fake::testing {
namespace {

class SimTokenTest : public SimFixture {
 protected:
  HttpResponse identity(const std::string& query, const std::string& method = "GET", const std::string& body = {}) {
    return sim_->handle({method, "/identity/oauth/token" + query, {}, body}, now_);
  }
};

TEST_F(SimTokenTest, IssuesBearerTokenShapedLikeMarketo) {
  start();
  const auto r = identity("?grant_type=client_credentials&client_id=demo-client&client_secret=demo-secret");
  ASSERT_EQ(r.status, 200u);
  EXPECT_EQ(header(r, "Content-Type"), "application/json;charset=UTF-8");
  const auto d = json(r);
  EXPECT_EQ(std::string(d["access_token"].GetString()), token_);
  EXPECT_EQ(std::string(d["token_type"].GetString()), "bearer");
  EXPECT_EQ(d["expires_in"].GetInt64(), 3600);
  EXPECT_TRUE(d["scope"].IsString());
  EXPECT_FALSE(d.HasMember("success"));
}

TEST_F(SimTokenTest, AskingAgainReturnsSameTokenWithRemainingLifetime) {
  start();
  now_ += 1000s;
  const auto d = json(identity("?grant_type=client_credentials&client_id=demo-client&client_secret=demo-secret"));
  EXPECT_EQ(std::string(d["access_token"].GetString()), token_);
  EXPECT_EQ(d["expires_in"].GetInt64(), 2600);
  now_ += 2599s + 500ms;  // half a second left: still the same token, 0 whole seconds
  const auto late = json(identity("?grant_type=client_credentials&client_id=demo-client&client_secret=demo-secret"));
  EXPECT_EQ(std::string(late["access_token"].GetString()), token_);
  EXPECT_EQ(late["expires_in"].GetInt64(), 0);
}

TEST_F(SimTokenTest, ExpiredTokenAnswers602AndANewOneIsIssued) {
  start();
  EXPECT_EQ(error_code(call("GET", "/bulk/v1/leads/export.json")), "");
  now_ += 3600s;
  const auto d = call("GET", "/bulk/v1/leads/export.json");
  EXPECT_EQ(error_code(d), "602");
  EXPECT_EQ(error_message(d), "Access token expired");
  const std::string fresh = fetch_token();
  EXPECT_NE(fresh, token_);
  token_ = fresh;
  EXPECT_EQ(error_code(call("GET", "/bulk/v1/leads/export.json")), "");
}

TEST_F(SimTokenTest, ExpireTokensHookExpiresEveryIssuedToken) {
  start();
  sim_->expire_tokens();
  EXPECT_EQ(error_code(call("GET", "/bulk/v1/leads/export.json")), "602");
  const std::string fresh = fetch_token();
  EXPECT_NE(fresh, token_);
  token_ = fresh;
  EXPECT_EQ(error_code(call("GET", "/bulk/v1/leads/export.json")), "");
}

TEST_F(SimTokenTest, AdvanceClockExpiresTokens) {
  start();
  sim_->advance_clock(3601s);
  EXPECT_EQ(error_code(call("GET", "/bulk/v1/leads/export.json")), "602");
}

TEST_F(SimTokenTest, WrongCredentialsAnswer401LikeMarketo) {
  start();
  for (const std::string q : {"?grant_type=client_credentials&client_id=demo-client&client_secret=nope",
                              "?grant_type=client_credentials&client_id=nobody&client_secret=demo-secret",
                              "?grant_type=client_credentials"}) {
    const auto r = identity(q);
    EXPECT_EQ(r.status, 401u) << q;
    EXPECT_EQ(r.body, R"({"error":"unauthorized","error_description":"Bad client credentials"})");
  }
}

TEST_F(SimTokenTest, MissingOrOtherGrantTypeIsInvalidRequest) {
  start();
  for (const std::string q : {"?client_id=demo-client&client_secret=demo-secret",
                              "?grant_type=password&client_id=demo-client&client_secret=demo-secret"}) {
    const auto r = identity(q);
    EXPECT_EQ(r.status, 400u) << q;
    EXPECT_EQ(std::string(json(r)["error"].GetString()), "invalid_request");
  }
}

TEST_F(SimTokenTest, PostWithFormBodyIsAccepted) {
  start();
  const auto r = identity("", "POST", "grant_type=client_credentials&client_id=demo-client&client_secret=demo-secret");
  ASSERT_EQ(r.status, 200u);
  EXPECT_EQ(std::string(json(r)["access_token"].GetString()), token_);
}

TEST_F(SimTokenTest, MissingUnknownAndMalformedTokens) {
  start();
  auto bare = [&](std::vector<std::pair<std::string, std::string>> headers, const std::string& target) {
    return json(sim_->handle({"GET", target, std::move(headers), {}}, now_));
  };
  const auto missing = bare({}, "/bulk/v1/leads/export.json");
  EXPECT_EQ(error_code(missing), "600");
  EXPECT_EQ(error_message(missing), "Access token not specified");
  const auto unknown = bare({{"Authorization", "Bearer not-a-token"}}, "/bulk/v1/leads/export.json");
  EXPECT_EQ(error_code(unknown), "601");
  EXPECT_EQ(error_message(unknown), "Access token invalid");
  EXPECT_EQ(error_code(bare({{"Authorization", "Basic " + token_}}, "/bulk/v1/leads/export.json")), "601");
  // Header names are case-insensitive.
  EXPECT_EQ(error_code(bare({{"authorization", "Bearer " + token_}}, "/bulk/v1/leads/export.json")), "");
}

TEST_F(SimTokenTest, QueryStringTokenIsRefusedPointingToTheHeader) {
  start();
  const auto r = sim_->handle({"GET", "/bulk/v1/leads/export.json?access_token=" + token_, {}, {}}, now_);
  EXPECT_EQ(r.status, 200u);
  const auto d = json(r);
  EXPECT_EQ(error_code(d), "601");
  EXPECT_NE(error_message(d).find("Authorization"), std::string::npos);
  EXPECT_EQ(error_message(d).find(token_), std::string::npos);  // never echoes the secret
  EXPECT_EQ(r.marketo_error, "601");
}

TEST_F(SimTokenTest, UnknownPathAndWrongMethod) {
  start();
  EXPECT_EQ(error_code(call("GET", "/rest/v1/leads.json")), "610");
  EXPECT_EQ(error_code(call("GET", "/bulk/v1/leads/export/create.json")), "605");
  EXPECT_EQ(error_code(call("POST", "/bulk/v1/leads/export.json")), "605");
}

TEST_F(SimTokenTest, ErrorsCarryMarketoRequestIdShape) {
  start();
  const auto d = call("GET", "/rest/v1/leads.json");
  const std::string rid = d["requestId"].GetString();
  const auto hash = rid.find('#');
  ASSERT_NE(hash, std::string::npos);
  EXPECT_GT(hash, 0u);
  EXPECT_EQ(rid.find_first_not_of("0123456789abcdef#"), std::string::npos) << rid;
  EXPECT_FALSE(d["success"].GetBool());
  EXPECT_EQ(d["errors"].Size(), 1u);
  EXPECT_FALSE(d.HasMember("result"));
}

}  // namespace
}  // namespace fake::testing
