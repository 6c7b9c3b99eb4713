// Runs a busy session (token fetches, 601 re-authentication, failures of every kind) and searches
// everything it produced, log lines and error messages, for the secret and the tokens.
#include <gtest/gtest.h>

#include <sstream>

#include <spdlog/sinks/ostream_sink.h>

#include "core/core.hpp"
#include "unit/marketo/api_fixture.hpp"
#include "unit/marketo/seed_bodies.hpp"

namespace msync::marketo::testing {
namespace {

class SecretsTest : public ApiFixture {
 protected:
  void SetUp() override {
    auto log = core::logger("marketo");
    sink_ = std::make_shared<spdlog::sinks::ostream_sink_mt>(lines_);
    log->sinks().push_back(sink_);
    previous_level_ = log->level();
    log->set_level(spdlog::level::trace);
    ApiFixture::SetUp();
  }
  void TearDown() override {
    auto log = core::logger("marketo");
    auto& sinks = log->sinks();
    sinks.erase(std::remove(sinks.begin(), sinks.end(), sink_), sinks.end());
    log->set_level(previous_level_);
  }

  void keep(const Failure& f) { messages_ += f.message + "\n"; }

  std::ostringstream lines_;
  std::shared_ptr<spdlog::sinks::ostream_sink_mt> sink_;
  spdlog::level::level_enum previous_level_ = spdlog::level::info;
  std::string messages_;
};

TEST_F(SecretsTest, NoSecretOrTokenInAnyLogLineOrMessage) {
  const std::string token_a = "TOKEN-AAAA-1111:ab";
  const std::string token_b = "TOKEN-BBBB-2222:ab";
  const std::string encoded_secret = "s3cr3t%2B%2F%3D%26Value";
  const std::string target_echo = "/identity/oauth/token?client_secret=" + encoded_secret;

  // An identity transport error whose text echoes the request target (as some libraries do).
  server_.identity.push_back(failure("connect to " + target_echo + " failed: " + kSecret));
  server_.identity.push_back(token_answer(token_a));
  server_.identity.push_back(token_answer(token_b));
  server_.identity.push_back(answer(R"({"error":"unauthorized"})", 401));

  if (auto o = run(api_->export_status(ExportEntity{}, kSeedExportId)); !o.ok()) keep(o.failure());
  server_.rest.push_back(answer(R"({"success":false,"errors":[{"code":"601","message":"Access token invalid"}]})"));
  server_.rest.push_back(failure("read failed after sending Authorization: Bearer " + token_b));
  server_.rest.push_back(failure("read failed after sending Authorization: Bearer " + token_b));
  server_.rest.push_back(failure("read failed after sending Authorization: Bearer " + token_b));
  if (auto o = run(api_->export_status(ExportEntity{}, kSeedExportId)); !o.ok()) keep(o.failure());
  server_.rest.push_back(answer(R"({"success":false,"errors":[{"code":"602","message":"Access token expired"}]})"));
  if (auto o = run(api_->export_status(ExportEntity{}, kSeedExportId)); !o.ok()) keep(o.failure());
  sink_->flush();

  const std::string log = lines_.str();
  EXPECT_NE(log.find("identity.token"), std::string::npos) << "the calls were logged";
  EXPECT_NE(log.find("export.status"), std::string::npos);
  EXPECT_NE(messages_.find("Marketo rejected the client credentials"), std::string::npos) << messages_;
  for (const std::string& needle : {std::string(kSecret), encoded_secret, token_a, token_b,
                                    std::string("s3cr3t")}) {
    EXPECT_EQ(log.find(needle), std::string::npos) << needle << " in the log:\n" << log;
    EXPECT_EQ(messages_.find(needle), std::string::npos) << needle << " in:\n" << messages_;
  }
}

TEST_F(SecretsTest, ImportCallsKeepTokensOutOfLogsAndMessages) {
  const std::string token_a = "TOKEN-IMPA-3333:cd";
  const std::string token_b = "TOKEN-IMPB-4444:cd";
  server_.identity.push_back(token_answer(token_a));
  server_.identity.push_back(token_answer(token_b));
  const std::string echo = "write failed after sending Authorization: Bearer " + token_b;

  ImportUpload upload;
  upload.program_id = 1234;
  upload.format = "CSV";
  upload.program_member_status = "Attended";
  upload.file_name = "attendees.csv";
  upload.content = "email\na@example.com\n";
  server_.rest.push_back(answer(R"({"success":false,"errors":[{"code":"601","message":"Access token invalid"}]})"));
  server_.rest.push_back(failure(echo));  // after re-authentication: the upload is not sent again
  if (auto o = run(api_->import_program_members(upload)); !o.ok()) keep(o.failure());
  for (int i = 0; i < 3; ++i) server_.rest.push_back(failure(echo));
  StringSink sink;
  if (auto o = run(api_->import_failures(1040, sink)); !o.ok()) keep(o.failure());
  server_.rest.push_back(answer("token " + token_b + " refused", 401));
  if (auto o = run(api_->describe_lead_fields()); !o.ok()) keep(o.failure());
  sink_->flush();

  const std::string log = lines_.str();
  EXPECT_NE(log.find("import.create"), std::string::npos) << "the calls were logged";
  EXPECT_NE(log.find("import.failures"), std::string::npos);
  EXPECT_NE(messages_.find("import.create"), std::string::npos) << messages_;
  EXPECT_NE(messages_.find("import.failures"), std::string::npos) << messages_;
  for (const std::string& needle : {std::string(kSecret), token_a, token_b, std::string("s3cr3t")}) {
    EXPECT_EQ(log.find(needle), std::string::npos) << needle << " in the log:\n" << log;
    EXPECT_EQ(messages_.find(needle), std::string::npos) << needle << " in:\n" << messages_;
  }
}

TEST(SecretsConfig, ConfigErrorsDoNotEchoTheSecret) {
  Settings s;
  s.base_url = "ftp://example.com";
  s.client_id = "id";
  s.client_secret = kSecret;
  FakeServer server;
  auto api = make_api(s, Dependencies{fake_factory(server), nullptr, {}});
  ASSERT_FALSE(api.ok());
  EXPECT_NE(api.error().message.find("base_url"), std::string::npos);
  EXPECT_EQ(api.error().message.find("s3cr3t"), std::string::npos);
  s.base_url = kBase;
  s.client_secret.clear();
  api = make_api(s, Dependencies{fake_factory(server), nullptr, {}});
  ASSERT_FALSE(api.ok());
  EXPECT_NE(api.error().message.find("client_secret is empty"), std::string::npos);
}

}  // namespace
}  // namespace msync::marketo::testing
