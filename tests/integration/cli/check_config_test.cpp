// marketo-syncd check-config, run as a user would: exit 0 with a summary, 78 with FILE:LINE:COL
// errors on stderr, 64 on usage errors; never the secret.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>

#include "integration/cli/run_process.hpp"

namespace msync::cli_test {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

class CheckConfig : public ::testing::Test {
 protected:
  void SetUp() override {
    std::string pattern = (std::filesystem::temp_directory_path() / "check_config.XXXXXX").string();
    ASSERT_NE(::mkdtemp(pattern.data()), nullptr);
    dir_ = pattern;
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }

  std::string write(const std::string& name, const std::string& content) {
    std::ofstream(dir_ / name, std::ios::binary) << content;
    return (dir_ / name).string();
  }

  Outcome check(const std::string& path, const std::map<std::string, std::string>& env = {}) {
    return run_process({syncd(), "check-config", "--config", path}, env,
                       {"MARKETO_BASE_URL", "MARKETO_CLIENT_SECRET", "MARKETO_CLIENT_ID",
                        "CREDENTIALS_DIRECTORY", "https_proxy", "HTTPS_PROXY", "http_proxy", "HTTP_PROXY",
                        "no_proxy", "NO_PROXY"});
  }

  // The smallest valid file, with `marketo_lines` added to its marketo section.
  static std::string minimal(const std::string& marketo_lines) {
    return "marketo:\n"
           "  base_url: https://example.mktorest.com\n"
           "  client_id: id\n"
           "  client_secret: hunter2-secret\n" +
           marketo_lines +
           "state_db: state.db\n"
           "staging_dir: staging\n";
  }

  std::filesystem::path dir_;
};

TEST_F(CheckConfig, ShippedExamplePasses) {
  write("client_secret", "example-secret-value\n");
  const auto outcome =
      check(source_dir() + "/config/example.yaml",
            {{"MARKETO_CLIENT_ID", "example-id"}, {"CREDENTIALS_DIRECTORY", dir_.string()}});
  EXPECT_EQ(outcome.exit_code, 0) << outcome.err;
  EXPECT_THAT(outcome.out, HasSubstr("OK, 5 export(s), 1 import(s)"));
  EXPECT_THAT(outcome.out,
              HasSubstr("export leads_created: leads createdAt from 2024-01-01T00:00:00Z"));
  EXPECT_THAT(outcome.out, HasSubstr("export webinar_members: program_members of 2 program(s) programIds (snapshot)"));
  EXPECT_THAT(outcome.out, HasSubstr("export cars: custom_objects car_c updatedAt from 2024-01-01T00:00:00Z"));
  EXPECT_THAT(outcome.out, HasSubstr("export vip_members: leads staticListName 'VIP' (snapshot)"));
  EXPECT_THAT(outcome.out, HasSubstr("import webinar_attendees: program 1234 status 'Attended'"));
  EXPECT_THAT(outcome.out + outcome.err, Not(HasSubstr("example-secret-value")));
  EXPECT_EQ(outcome.err, "");
}

TEST_F(CheckConfig, ShippedDemoPassesWithItsEnvironment) {
  const auto outcome =
      check(source_dir() + "/config/demo.yaml", {{"MARKETO_BASE_URL", "http://127.0.0.1:18080"},
                                                 {"MARKETO_CLIENT_SECRET", "demo-secret-value"},
                                                 {"DEMO_START", "2025-01-01T00:00:00Z"}});
  EXPECT_EQ(outcome.exit_code, 0) << outcome.err;
  EXPECT_THAT(outcome.out, HasSubstr("OK, 2 export(s), 1 import(s)"));
  EXPECT_THAT(outcome.out,
              HasSubstr("export leads_created: leads createdAt from 2025-01-01T00:00:00Z, "
                        "window 7d, lag 15m, 7 fields, csv, every 1h"));
  EXPECT_THAT(outcome.out, HasSubstr("export leads_updated: leads updatedAt"));
  EXPECT_THAT(outcome.out, HasSubstr("/demo/state.db"));
  EXPECT_THAT(outcome.out, Not(HasSubstr("demo-secret-value")));
}

TEST_F(CheckConfig, DemoWithoutItsEnvironmentFailsNamingTheVariables) {
  const std::string path = source_dir() + "/config/demo.yaml";
  const auto outcome = check(path);
  EXPECT_EQ(outcome.exit_code, 78);
  EXPECT_THAT(outcome.err,
              HasSubstr(path + ":7:13: marketo.base_url: undefined environment variable "
                               "'MARKETO_BASE_URL'\n"));
  EXPECT_THAT(outcome.err, HasSubstr(path + ":9:18: marketo.client_secret: undefined environment "
                                            "variable 'MARKETO_CLIENT_SECRET'\n"));
  EXPECT_EQ(outcome.out, "");
}

TEST_F(CheckConfig, BrokenFileExits78WithEveryErrorAndItsPosition) {
  const std::string path = write("broken.yaml",
                                 "marketo:\n"
                                 "  base_url: https://example.mktorest.com\n"
                                 "  client_id: id\n"
                                 "  client_secret: hunter2-secret\n"
                                 "  limits: { max_queued: 10, foo: 1 }\n"
                                 "state_db: state.db\n"
                                 "staging_dir: staging\n"
                                 "exports:\n"
                                 "  - name: leads_created\n"
                                 "    entity: leads\n"
                                 "    fields: [id]\n"
                                 "    filter: createdAt\n"
                                 "    start: 2024-01-01T00:00:00Z\n"
                                 "    window: 45d\n");
  const auto outcome = check(path);
  EXPECT_EQ(outcome.exit_code, 78);
  EXPECT_EQ(outcome.err,
            path +
                ":5:29: unknown key 'foo' in marketo.limits (expected one of: max_processing, "
                "max_queued, daily_export_bytes, calls_per_20s)\n" +
                path + ":14:13: exports[0].window: 45d is out of range (expected 1s..31d)\n" +
                path + ": 2 errors\n");
  EXPECT_THAT(outcome.out + outcome.err, Not(HasSubstr("hunter2-secret")));
}

TEST_F(CheckConfig, UnreadableSecretFileExits78) {
  const std::string path = write("secret.yaml",
                                 "marketo:\n"
                                 "  base_url: https://example.mktorest.com\n"
                                 "  client_id: id\n"
                                 "  client_secret_file: no_such_secret\n"
                                 "state_db: state.db\n"
                                 "staging_dir: staging\n");
  const auto outcome = check(path);
  EXPECT_EQ(outcome.exit_code, 78);
  EXPECT_THAT(outcome.err,
              HasSubstr(path + ":4:23: marketo.client_secret_file: cannot read '" +
                        (dir_ / "no_such_secret").string() + "': No such file or directory"));
}

// The file's check sees only the proxy URL's shape; the port is the HTTP client's to refuse, and
// check-config asks it, as `run` does before its first call.
TEST_F(CheckConfig, AProxyTheClientWouldRefuseExits78NamingItsSource) {
  const std::string configured = write("proxy.yaml", minimal("  proxy: http://me:pass-word@proxy.corp:99999\n"));
  auto outcome = check(configured);
  EXPECT_EQ(outcome.exit_code, 78);
  EXPECT_THAT(outcome.err, HasSubstr(configured + ": marketo.proxy: http: proxy 'http://***@proxy.corp:99999'"));
  EXPECT_THAT(outcome.err, HasSubstr(configured + ": 1 error\n"));
  EXPECT_THAT(outcome.err, Not(HasSubstr("pass-word")));
  EXPECT_EQ(outcome.out, "");

  const std::string from_environment = write("environment.yaml", minimal(""));
  outcome = check(from_environment, {{"HTTPS_PROXY", "http://proxy.corp:99999"}});
  EXPECT_EQ(outcome.exit_code, 78);
  EXPECT_THAT(outcome.err, HasSubstr(from_environment + ": HTTPS_PROXY: http: proxy 'http://proxy.corp:99999'"));
  outcome = check(from_environment, {{"HTTPS_PROXY", "http://proxy.corp:3128"}});
  EXPECT_EQ(outcome.exit_code, 0) << outcome.err;
}

TEST_F(CheckConfig, ACaFileWithoutCertificatesExits78) {
  write("not-a-ca.pem", "this is not PEM\n");
  const std::string path = write("ca.yaml", minimal("  ca_file: not-a-ca.pem\n"));
  const auto outcome = check(path);
  EXPECT_EQ(outcome.exit_code, 78);
  EXPECT_THAT(outcome.err, HasSubstr(path + ": marketo.ca_file: http: cannot load ca_file '" +
                                     (dir_ / "not-a-ca.pem").string() + "': "));
}

TEST_F(CheckConfig, MissingFileExits78) {
  const auto outcome = check((dir_ / "absent.yaml").string());
  EXPECT_EQ(outcome.exit_code, 78);
  EXPECT_THAT(outcome.err,
              HasSubstr("absent.yaml: cannot read the configuration: No such file or directory"));
}

TEST_F(CheckConfig, MissingConfigOptionIsAUsageError) {
  const auto outcome = run_process({syncd(), "check-config"});
  EXPECT_EQ(outcome.exit_code, 64);
  EXPECT_THAT(outcome.err, HasSubstr("--config is required"));
}

}  // namespace
}  // namespace msync::cli_test
