// The daemon's log as operators read it: journald priorities when stderr is the journal, JSON
// lines on request, one line per job state change, and never a secret or a token.
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <rapidjson/document.h>
#include <sys/stat.h>

#include <fstream>
#include <map>
#include <regex>
#include <set>
#include <sstream>

#include "integration/operate/daemon_scenario.hpp"

namespace msync::operate_test {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);)
    if (!line.empty()) lines.push_back(line);
  return lines;
}

const test_support::Environment kPlainEnv{{}, {"NOTIFY_SOCKET", "JOURNAL_STREAM", "WATCHDOG_USEC"}};

TEST(Logging, SecretsAndTokensNeverAppearEvenAtDebugLevel) {
  ScenarioOptions options;
  options.client_id = "operate-client-52";
  options.client_secret = "operate-secret-7f3a91";
  DaemonScenario scenario(options);
  const auto run = scenario.run({"run", "--once", "--log-level", "debug"}, kPlainEnv);
  ASSERT_EQ(run.exit_code, 0) << run.err;
  EXPECT_THAT(run.err, HasSubstr("identity.token status=200")) << "the run must have asked for a token";

  // fake-marketo hands out the same token while it lives: this is the one the daemon used.
  const auto asked = test_support::run_to_completion(
      {"/usr/bin/curl", "-sf", "-d",
       "grant_type=client_credentials&client_id=" + options.client_id + "&client_secret=" + options.client_secret,
       scenario.fake().url() + "/identity/oauth/token"});
  ASSERT_EQ(asked.exit_code, 0) << asked.err;
  rapidjson::Document d;
  d.Parse(asked.out.c_str());
  ASSERT_TRUE(!d.HasParseError() && d.IsObject() && d.HasMember("access_token")) << asked.out;
  const std::string token = d["access_token"].GetString();
  ASSERT_GE(token.size(), 8u);

  const std::string everything = run.out + run.err;
  EXPECT_THAT(everything, Not(HasSubstr(options.client_secret)));
  EXPECT_THAT(everything, Not(HasSubstr(token)));
  const auto status = scenario.run({"status", "--json"}, kPlainEnv);
  EXPECT_THAT(status.out + status.err, Not(HasSubstr(options.client_secret)));
}

TEST(Logging, EveryJobStateChangeIsOneLineWithSyncWindowAndExportId) {
  DaemonScenario scenario;
  const auto run = scenario.run({"run", "--once"}, kPlainEnv);
  ASSERT_EQ(run.exit_code, 0) << run.err;
  static const std::regex change(
      "\\[exports\\] sync leads_created window (\\S+)\\.\\.(\\S+) exportId ([0-9a-f-]+): ([a-z]+)");
  std::map<std::string, std::multiset<std::string>> states;  // exportId -> states logged
  for (const auto& line : lines_of(run.err)) {
    std::smatch match;
    if (std::regex_search(line, match, change)) states[match[3]].insert(match[4]);
  }
  ASSERT_EQ(states.size(), 6u) << run.err;
  for (const auto& [export_id, logged] : states) {
    for (const char* state : {"created", "queued", "completed", "downloading", "staged"})
      EXPECT_EQ(logged.count(state), 1u) << export_id << " " << state;
  }
}

TEST(Logging, JournalStreamGivesSyslogPriorityPrefixes) {
  DaemonScenario scenario;
  std::ofstream(scenario.log_path()).flush();
  struct stat st {};
  ASSERT_EQ(::stat(scenario.log_path().c_str(), &st), 0);
  const std::string stream = std::to_string(st.st_dev) + ":" + std::to_string(st.st_ino);
  auto& daemon = scenario.start({"--once", "--log-level", "debug"},
                                {{{"JOURNAL_STREAM", stream}}, {"NOTIFY_SOCKET", "WATCHDOG_USEC"}});
  const auto code = daemon.wait_for(120s);
  ASSERT_TRUE(code.has_value());
  ASSERT_EQ(*code, 0) << scenario.log();
  const auto lines = lines_of(scenario.log());
  ASSERT_FALSE(lines.empty());
  for (const auto& line : lines) EXPECT_TRUE(std::regex_search(line, std::regex("^<[2-7]>\\[[a-z]+\\] "))) << line;
  EXPECT_THAT(scenario.log(), HasSubstr("<6>[daemon] health endpoint listening on"));
  EXPECT_THAT(scenario.log(), HasSubstr("<6>[exports] sync leads_created window "));
  EXPECT_THAT(scenario.log(), HasSubstr("<7>[marketo] identity.token status=200"));
}

TEST(Logging, JournalStreamOfAnotherFileMeansPlainText) {
  DaemonScenario scenario;
  const auto run = scenario.run({"run", "--once"}, {{{"JOURNAL_STREAM", "1:1"}}, {"NOTIFY_SOCKET"}});
  ASSERT_EQ(run.exit_code, 0) << run.err;
  for (const auto& line : lines_of(run.err))
    EXPECT_TRUE(std::regex_search(line, std::regex("^\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z [a-z]+ \\[")))
        << line;
}

TEST(Logging, JsonFormatGivesOneParsableObjectPerLine) {
  DaemonScenario scenario;
  const auto run = scenario.run({"run", "--once", "--log-format", "json"}, kPlainEnv);
  ASSERT_EQ(run.exit_code, 0) << run.err;
  const auto lines = lines_of(run.err);
  ASSERT_FALSE(lines.empty());
  std::size_t staged = 0;
  for (const auto& line : lines) {
    rapidjson::Document d;
    d.Parse(line.c_str(), line.size());
    ASSERT_FALSE(d.HasParseError()) << line;
    ASSERT_TRUE(d.IsObject()) << line;
    for (const char* key : {"time", "level", "logger", "message"})
      ASSERT_TRUE(d.HasMember(key) && d[key].IsString()) << key << " in " << line;
    const std::string message = d["message"].GetString();
    staged += std::string(d["logger"].GetString()) == "exports" && message.find(": staged: ") != std::string::npos;
  }
  EXPECT_EQ(staged, 6u) << run.err;
}

}  // namespace
}  // namespace msync::operate_test
