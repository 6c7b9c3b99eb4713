// TLS against fake-marketo over HTTPS with the checked-in test CA: an untrusted or wrong-host
// certificate stops the run before any request is sent; `ca_file` adds the CA and the run succeeds;
// and no configuration key or environment variable turns verification off.
#include <gmock/gmock.h>
#include <sysexits.h>

#include <fstream>
#include <regex>

#include "reliability/hostile/file_tree.hpp"
#include "reliability/hostile/short_run.hpp"
#include "support/paths.hpp"

namespace msync::reliability {
namespace {

namespace fs = std::filesystem;
using ::testing::HasSubstr;
using ::testing::IsEmpty;

fs::path certs() { return fs::path(test_support::source_dir()) / "tests/fake_marketo/certs"; }

ShortRunOptions https(const std::string& cert, bool trust_ca) {
  ShortRunOptions options;
  options.fake_flags = {"--tls-cert", (certs() / (cert + ".pem")).string(), "--tls-key",
                        (certs() / (cert + ".key")).string()};
  if (trust_ca) options.marketo_yaml = "  ca_file: " + (certs() / "ca.pem").string() + "\n";
  return options;
}

std::size_t requests_seen(const ShortRun& run) {
  std::size_t lines = 0;
  std::ifstream log(run.dir() / "requests.jsonl");
  for (std::string line; std::getline(log, line);) ++lines;
  return lines;
}

TEST(Tls, AnUntrustedCertificateIsRefusedBeforeAnyRequest) {
  const ShortRun run(https("server", false));
  ASSERT_THAT(run.fake_url(), ::testing::StartsWith("https://"));
  const auto result = run.run_once();
  EXPECT_EQ(result.exit_code, EX_CONFIG) << result.err;
  EXPECT_THAT(result.err, HasSubstr("TLS handshake " + run.fake_url() + " failed: the server's certificate was not trusted"));
  EXPECT_EQ(requests_seen(run), 0u) << "a request was sent over an unverified connection";
  EXPECT_THAT(export_test::staged_files(run.dir() / "staging", ShortRun::kSync), IsEmpty());
}

TEST(Tls, AWrongHostCertificateIsRefusedEvenFromTheTrustedCa) {
  const ShortRun run(https("wrong-host", true));
  const auto result = run.run_once();
  EXPECT_EQ(result.exit_code, EX_CONFIG) << result.err;
  EXPECT_THAT(result.err, HasSubstr("host name did not match the server's certificate"));
  EXPECT_EQ(requests_seen(run), 0u);
}

TEST(Tls, CaFileAddsTheTestCaAndTheRunSucceeds) {
  const ShortRun run(https("server", true));
  const auto result = run.run_once();
  EXPECT_EQ(result.exit_code, 0) << result.err;
  run.expect_staged_matches_oracle();
}

TEST(Tls, AKeyThatWouldTurnVerificationOffIsRejected) {
  for (const std::string key : {"verify: false", "tls_verify: false", "insecure: true", "ssl_verify: false"}) {
    ShortRunOptions options;
    options.marketo_yaml = "  " + key + "\n";
    const ShortRun run(options);
    const auto result = run.syncd("check-config");
    EXPECT_EQ(result.exit_code, EX_CONFIG) << key;
    EXPECT_THAT(result.out + result.err, HasSubstr(key.substr(0, key.find(':')))) << "the error must name the key";
  }
}

// Grep-level: nothing in the daemon's sources could switch verification off.
TEST(Tls, NoConfigKeyOrEnvironmentVariableTurnsVerificationOff) {
  const fs::path source(test_support::source_dir());
  const std::regex off(R"(verify_none|SSL_VERIFY_NONE|set_verify_mode\(\s*0|insecure|skip_verif|no_verify)",
                       std::regex::icase);
  const std::regex key_list(R"(section\([^,]+,\s*\{([^}]*)\})");
  const std::regex getenv_call(R"(getenv\(([^)]*)\))");
  std::vector<std::string> keys, variables;
  for (const auto* folder : {"lib", "daemon"}) {
    for (const auto& entry : fs::recursive_directory_iterator(source / folder)) {
      if (!entry.is_regular_file()) continue;
      const std::string text = read_bytes(entry.path());
      EXPECT_FALSE(std::regex_search(text, off)) << entry.path() << " mentions a way to skip verification";
      for (std::sregex_iterator it(text.begin(), text.end(), key_list), end; it != end; ++it) keys.push_back((*it)[1]);
      for (std::sregex_iterator it(text.begin(), text.end(), getenv_call), end; it != end; ++it)
        variables.push_back((*it)[1]);
    }
  }
  ASSERT_FALSE(keys.empty()) << "the config schema's key lists were not found";
  for (const auto& list : keys) EXPECT_THAT(list, ::testing::Not(::testing::ContainsRegex("verify|insecure|tls")));
  // The environment the daemon reads: ${VAR} expansion, the crash hook, and systemd's two.
  EXPECT_THAT(variables, ::testing::UnorderedElementsAre("name.c_str(", "\"MSYNC_CRASH_AT\"", "\"JOURNAL_STREAM\"",
                                                         "\"NOTIFY_SOCKET\""));
}

}  // namespace
}  // namespace msync::reliability
