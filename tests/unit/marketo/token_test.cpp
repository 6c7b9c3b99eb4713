#include <gtest/gtest.h>

#include "unit/marketo/api_fixture.hpp"
#include "unit/marketo/seed_bodies.hpp"

namespace msync::marketo::testing {
namespace {

using namespace std::chrono_literals;

class TokenTest : public ApiFixture {
 protected:
  Outcome<ExportJob> status() { return run(api_->export_status(ExportEntity{}, kSeedExportId)); }
  void script_status(std::size_t n = 1) {
    for (std::size_t i = 0; i < n; ++i) server_.rest.push_back(answer(kSeedStatusAnswer));
  }
  static std::string marketo_error(const char* code, const char* message) {
    return std::string(R"({"requestId":"1#1","success":false,"errors":[{"code":")") + code +
           R"(","message":")" + message + R"("}]})";
  }
};

TEST_F(TokenTest, FetchedWithClientCredentialsThenReused) {
  server_.identity.push_back(token_answer("tok-A", 3600));
  script_status(2);
  ASSERT_TRUE(status().ok());
  ASSERT_TRUE(status().ok());

  const auto identity = server_.identity_requests();
  ASSERT_EQ(identity.size(), 1u);
  EXPECT_EQ(identity[0].origin, kBase);
  EXPECT_EQ(identity[0].request.method, "GET");
  EXPECT_EQ(identity[0].request.target,
            "/identity/oauth/token?grant_type=client_credentials&client_id=my-client-id"
            "&client_secret=s3cr3t%2B%2F%3D%26Value");
  for (const auto& rest : server_.rest_requests()) {
    EXPECT_EQ(rest.header("Authorization"), "Bearer tok-A");
    EXPECT_EQ(rest.request.target.find("access_token"), std::string::npos);
  }
}

TEST_F(TokenTest, SeparateIdentityOrigin) {
  auto s = settings();
  s.identity_url = "https://identity.example.com/base/identity/";
  make(s);
  script_status();
  ASSERT_TRUE(status().ok());
  const auto identity = server_.identity_requests();
  ASSERT_EQ(identity.size(), 1u);
  EXPECT_EQ(identity[0].origin, "https://identity.example.com");
  EXPECT_TRUE(identity[0].request.target.starts_with("/base/identity/oauth/token?"));
  EXPECT_EQ(server_.rest_requests().at(0).origin, kBase);
}

TEST_F(TokenTest, AskedAgainAfterExpiry) {
  server_.identity.push_back(token_answer("tok-A", 3600));
  server_.identity.push_back(token_answer("tok-B", 3600));
  script_status(2);
  ASSERT_TRUE(status().ok());
  timing_->advance(3601s);
  ASSERT_TRUE(status().ok());
  EXPECT_EQ(server_.identity_requests().size(), 2u);
  EXPECT_EQ(server_.rest_requests().at(1).header("Authorization"), "Bearer tok-B");
  EXPECT_TRUE(timing_->waits.empty()) << "an expired token needs no waiting";
}

TEST_F(TokenTest, NearlyExpiredTokenIsWaitedOutNotRefreshedEarly) {
  server_.identity.push_back(token_answer("tok-A", 3600));
  server_.identity.push_back(token_answer("tok-B", 3600));
  script_status(2);
  ASSERT_TRUE(status().ok());
  timing_->advance(3597s);  // 3 s left: below the 5 s margin
  ASSERT_TRUE(status().ok());
  ASSERT_EQ(timing_->waits.size(), 1u);
  EXPECT_EQ(timing_->waits[0], 4s);  // the 3 s left plus a second of slack
  EXPECT_EQ(server_.identity_requests().size(), 2u);
  EXPECT_EQ(server_.rest_requests().at(1).header("Authorization"), "Bearer tok-B");
}

TEST_F(TokenTest, TokenArrivingWithLittleLifeIsUsedForHalfOfItThenWaitedOut) {
  // What Marketo does when asked before expiry: the same token with its remaining lifetime. A
  // margin larger than the token's whole life must not mean waiting it out forever.
  server_.identity.push_back(token_answer("tok-A", 2));
  server_.identity.push_back(token_answer("tok-B", 3600));
  script_status(2);
  ASSERT_TRUE(status().ok());
  EXPECT_TRUE(timing_->waits.empty());
  EXPECT_EQ(server_.rest_requests().at(0).header("Authorization"), "Bearer tok-A");
  timing_->advance(1500ms);  // 0.5 s left: below half its 2 s
  ASSERT_TRUE(status().ok());
  EXPECT_EQ(timing_->waits, std::vector<Timing::Clock::duration>{1500ms});  // 0.5 s plus 1 s slack
  EXPECT_EQ(server_.rest_requests().at(1).header("Authorization"), "Bearer tok-B");
}

TEST_F(TokenTest, Error601ReauthenticatesAndRetriesOnce) {
  server_.identity.push_back(token_answer("tok-A", 3600));
  server_.identity.push_back(token_answer("tok-B", 3600));
  server_.rest.push_back(answer(marketo_error("601", "Access token invalid")));
  script_status();
  const auto outcome = status();
  ASSERT_TRUE(outcome.ok()) << outcome.failure().message;
  EXPECT_EQ(server_.identity_requests().size(), 2u);
  ASSERT_EQ(server_.rest_requests().size(), 2u);
  EXPECT_EQ(server_.rest_requests()[0].header("Authorization"), "Bearer tok-A");
  EXPECT_EQ(server_.rest_requests()[1].header("Authorization"), "Bearer tok-B");
}

TEST_F(TokenTest, Error602TwiceIsNotRetriedTwice) {
  server_.identity.push_back(token_answer("tok-A", 3600));
  server_.identity.push_back(token_answer("tok-B", 3600));
  server_.rest.push_back(answer(marketo_error("602", "Access token expired")));
  server_.rest.push_back(answer(marketo_error("602", "Access token expired")));
  const auto outcome = status();
  ASSERT_FALSE(outcome.ok());
  EXPECT_EQ(outcome.failure().action, Action::backoff);  // the caller backs off, then asks again
  EXPECT_EQ(outcome.failure().code, "602");
  EXPECT_EQ(server_.rest_requests().size(), 2u);
  EXPECT_EQ(server_.identity_requests().size(), 2u);
  // The next call starts afresh with a new token.
  server_.identity.push_back(token_answer("tok-C", 3600));
  script_status();
  ASSERT_TRUE(status().ok());
  EXPECT_EQ(server_.rest_requests().back().header("Authorization"), "Bearer tok-C");
}

TEST_F(TokenTest, RejectedCredentialsFailConfigWithoutTheSecret) {
  server_.identity.push_back(
      answer(R"({"error":"unauthorized","error_description":"Bad client credentials"})", 401));
  const auto outcome = status();
  ASSERT_FALSE(outcome.ok());
  const Failure& f = outcome.failure();
  EXPECT_EQ(f.action, Action::fail_config);
  EXPECT_EQ(f.reason, Reason::credentials_rejected);
  EXPECT_EQ(f.http_status, 401u);
  EXPECT_NE(f.message.find("Marketo rejected the client credentials"), std::string::npos) << f.message;
  EXPECT_EQ(f.message.find("s3cr3t"), std::string::npos);
  EXPECT_TRUE(server_.rest_requests().empty());
}

TEST_F(TokenTest, IdentityOutageIsTransientAndMalformedTokenRejected) {
  server_.identity.push_back(answer("<html>bad gateway</html>", 502));
  auto outcome = status();
  ASSERT_FALSE(outcome.ok());
  EXPECT_EQ(outcome.failure().action, Action::backoff);
  server_.identity.push_back(answer(R"({"access_token":"", "expires_in": 3600})"));
  outcome = status();
  ASSERT_FALSE(outcome.ok());
  EXPECT_EQ(outcome.failure().reason, Reason::malformed_answer);
  EXPECT_TRUE(server_.rest_requests().empty());
}

}  // namespace
}  // namespace msync::marketo::testing

namespace msync::marketo::testing {
namespace {

class SharedTokenTest : public ApiFixture {};

TEST_F(SharedTokenTest, ConcurrentCallsShareOneTokenFetch) {
  server_.hold();
  std::vector<std::shared_ptr<std::optional<Outcome<ExportJob>>>> results;
  for (int i = 0; i < 5; ++i) {
    server_.rest.push_back(answer(kSeedStatusAnswer));
    results.push_back(spawn(api_->export_status(ExportEntity{}, kSeedExportId)));
  }
  poll();
  EXPECT_EQ(server_.identity_requests().size(), 1u);
  server_.release_all();
  poll();
  for (const auto& r : results) ASSERT_TRUE(r->has_value() && (*r)->ok());
  EXPECT_EQ(server_.identity_requests().size(), 1u);
  EXPECT_EQ(server_.rest_requests().size(), 5u);
}

}  // namespace
}  // namespace msync::marketo::testing
