// What the daemon creates is private whatever the umask it is started with: the state DB (and its
// journal files) 0600, staged files, manifests and import results 0640 at most, directories 0750;
// and its health endpoint listens on loopback unless health.allow_remote says otherwise.
#include <gmock/gmock.h>
#include <sysexits.h>

#include <fstream>

#include "reliability/hostile/file_tree.hpp"
#include "reliability/hostile/short_run.hpp"
#include "reliability/security/daemon_output.hpp"
#include "support/child_process.hpp"
#include "support/paths.hpp"

namespace msync::reliability {
namespace {

using ::testing::HasSubstr;

TEST(Permissions, WhatTheDaemonCreatesIsPrivateEvenUnderUmask000) {
  ShortRunOptions options;
  options.with_import = true;
  const ShortRun run(options);
  drop_members(run, "members.csv");
  const auto result = test_support::run_to_completion(
      {"/bin/sh", "-c", "umask 000 && exec \"$@\"", "sh", test_support::syncd_binary(), "run", "--once", "--config",
       run.config().string()},
      {}, std::chrono::seconds(120));
  ASSERT_EQ(result.exit_code, 0) << result.err;

  std::size_t checked_files = 0, checked_dirs = 0;
  for (const auto& entry : walk_tree(run.dir())) {
    const auto name = entry.relative.string();
    // The test's own: the config, fake-marketo's log, the inbound folder and the file dropped in it
    // (moved into the results as it was).
    if (name == "config.yaml" || name == "requests.jsonl" || name == "imports" || name == "imports/members" ||
        entry.relative.filename() == "members.csv")
      continue;
    if (entry.directory) {
      EXPECT_EQ(entry.mode, 0750u) << name;
      ++checked_dirs;
    } else if (name.starts_with("state.db")) {
      EXPECT_EQ(entry.mode, 0600u) << name;
      ++checked_files;
    } else {
      EXPECT_EQ(entry.mode & ~0640u, 0u) << name << " is more open than 0640";
      ++checked_files;
    }
  }
  EXPECT_GE(checked_dirs, 4u);    // staging, its sync, .tmp, and the import's result folders
  EXPECT_GE(checked_files, 10u);  // the state DB, four staged files and manifests, results
}

TEST(Exposure, TheHealthEndpointListensOnLoopbackUnlessAllowRemoteSaysSo) {
  const ShortRun run{ShortRunOptions{}};
  std::string config = read_bytes(run.config());
  const std::string loopback = "  listen: 127.0.0.1:0\n";
  ASSERT_NE(config.find(loopback), std::string::npos);

  const auto replace = [&](const std::string& health) {
    std::string text = config;
    text.replace(text.find(loopback), loopback.size(), health);
    std::ofstream(run.config()) << text;
    return run.syncd("check-config");
  };
  const auto remote = replace("  listen: 0.0.0.0:9465\n");
  EXPECT_EQ(remote.exit_code, EX_CONFIG);
  EXPECT_THAT(remote.out + remote.err, HasSubstr("health.allow_remote"));
  const auto allowed = replace("  listen: 0.0.0.0:9465\n  allow_remote: true\n");
  EXPECT_EQ(allowed.exit_code, 0) << allowed.out << allowed.err;
}

}  // namespace
}  // namespace msync::reliability
