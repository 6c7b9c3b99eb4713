#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "integration/cli/run_process.hpp"

namespace msync::cli_test {
namespace {

using ::testing::HasSubstr;
using ::testing::MatchesRegex;

TEST(Cli, VersionPrintsNameAndProjectVersion) {
  const auto outcome = run_process({syncd(), "--version"});
  EXPECT_EQ(outcome.exit_code, 0);
  EXPECT_THAT(outcome.out, MatchesRegex("marketo-syncd [0-9]+\\.[0-9]+\\.[0-9]+\n"));
}

TEST(Cli, NoSubcommandIsAUsageError) {
  const auto outcome = run_process({syncd()});
  EXPECT_EQ(outcome.exit_code, 64);
  EXPECT_THAT(outcome.err, HasSubstr("subcommand is required"));
}

TEST(Cli, UnknownSubcommandOrOptionIsAUsageError) {
  EXPECT_EQ(run_process({syncd(), "frobnicate"}).exit_code, 64);
  EXPECT_EQ(run_process({syncd(), "check-config", "--config", "x", "--bogus"}).exit_code, 64);
}

TEST(Cli, HelpSucceedsAndListsCheckConfig) {
  const auto outcome = run_process({syncd(), "--help"});
  EXPECT_EQ(outcome.exit_code, 0);
  EXPECT_THAT(outcome.out, HasSubstr("check-config"));
}

}  // namespace
}  // namespace msync::cli_test
