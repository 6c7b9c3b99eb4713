// Every subcommand answers --help with its options and exits 0; bad options are usage errors
// (64); `run` and `status` exit with the sysexits code of what stopped them.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "integration/cli/run_process.hpp"
#include "support/temp_dir.hpp"

namespace msync::cli_test {
namespace {

using ::testing::HasSubstr;

TEST(Help, EverySubcommandHasHelp) {
  const std::map<std::string, std::vector<std::string>> options = {
      {"run", {"--config", "--once", "--log-level", "--log-format"}},
      {"check-config", {"--config"}},
      {"status", {"--config", "--json"}},
      {"backfill", {"--config", "--sync", "--from", "--to"}},
      {"cancel", {"--config", "--export-id"}},
  };
  for (const auto& [command, expected] : options) {
    const auto outcome = run_process({syncd(), command, "--help"});
    EXPECT_EQ(outcome.exit_code, 0) << command;
    for (const auto& option : expected) EXPECT_THAT(outcome.out, HasSubstr(option)) << command;
  }
}

TEST(Help, RunHelpNamesTheLogFormats) {
  const auto outcome = run_process({syncd(), "run", "--help"});
  EXPECT_THAT(outcome.out, HasSubstr("journal"));
  EXPECT_THAT(outcome.out, HasSubstr("json"));
  EXPECT_THAT(outcome.out, HasSubstr("JOURNAL_STREAM"));
}

TEST(Help, UnknownLogFormatOrLevelIsAUsageError) {
  EXPECT_EQ(run_process({syncd(), "run", "--config", "x.yaml", "--log-format", "xml"}).exit_code, 64);
  EXPECT_EQ(run_process({syncd(), "run", "--config", "x.yaml", "--log-level", "loud"}).exit_code, 64);
}

TEST(ExitCodes, RunWithABrokenConfigurationExits78NamingThePosition) {
  test_support::TempDir dir;
  std::ofstream(dir / "broken.yaml") << "marketo:\n  base_url: [x]\n";
  const auto outcome = run_process({syncd(), "run", "--config", (dir / "broken.yaml").string()});
  EXPECT_EQ(outcome.exit_code, 78);
  EXPECT_THAT(outcome.err, HasSubstr((dir / "broken.yaml").string() + ":2:13: "));
}

TEST(ExitCodes, RunWithAnUnusableProxyExits78BeforeAnyCall) {
  test_support::TempDir dir;
  // Nothing listens on port 1: a call would fail as a network error, not as configuration.
  std::ofstream(dir / "config.yaml") << "marketo:\n  base_url: http://127.0.0.1:1\n  client_id: id\n"
                                        "  client_secret: s\n  proxy: http://proxy.corp:99999\n"
                                        "state_db: state.db\nstaging_dir: staging\n"
                                        "health:\n  listen: 127.0.0.1:0\n";
  const auto outcome =
      run_process({syncd(), "run", "--once", "--config", (dir / "config.yaml").string()}, {}, {"NO_PROXY", "no_proxy"});
  EXPECT_EQ(outcome.exit_code, 78);
  EXPECT_THAT(outcome.err, HasSubstr("marketo.proxy: http: proxy 'http://proxy.corp:99999' has an invalid port"));
}

TEST(ExitCodes, StatusWithoutStateExits69) {
  test_support::TempDir dir;
  std::ofstream(dir / "config.yaml") << "marketo:\n  base_url: http://127.0.0.1:1\n  client_id: id\n"
                                        "  client_secret: s\nstate_db: state.db\nstaging_dir: staging\n";
  const auto outcome = run_process({syncd(), "status", "--config", (dir / "config.yaml").string()});
  EXPECT_EQ(outcome.exit_code, 69);
  EXPECT_THAT(outcome.err, HasSubstr("no state yet"));
}

}  // namespace
}  // namespace msync::cli_test
