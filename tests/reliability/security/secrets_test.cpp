// A full export and import run with a recognisable client secret, short-lived tokens (several are
// issued), and the daemon run in every --log-format at debug level: neither the
// secret (plain or percent-encoded) nor any access token fake-marketo issued appears in anything the
// run produced: logs, /status, /metrics, `status` output, manifests, the state DB, staged files,
// import results and fake-marketo's request log.
#include <gmock/gmock.h>
#include <signal.h>

#include <map>

#include <regex>
#include <thread>

#include "integration/operate/daemon_scenario.hpp"
#include "integration/operate/http_probe.hpp"
#include "reliability/hostile/file_tree.hpp"
#include "reliability/hostile/short_run.hpp"
#include "reliability/security/daemon_output.hpp"
#include "support/child_process.hpp"
#include "support/paths.hpp"

namespace msync::reliability {
namespace {

namespace fs = std::filesystem;
using namespace std::chrono_literals;
using ::testing::HasSubstr;

constexpr const char* kSecret = "Canary+Secret/7f3a9c=Q";
constexpr const char* kSecretEncoded = "Canary%2BSecret%2F7f3a9c%3DQ";
// fake-marketo's tokens: a UUID and ":ab".
const std::regex kToken("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}:ab");

// The token fake-marketo hands out now: Marketo answers a live token again while it lasts.
std::string live_token(const ShortRun& run) {
  const auto answer = test_support::run_to_completion(
      {"/usr/bin/curl", "-sf", run.fake_url() + "/identity/oauth/token?grant_type=client_credentials&client_id=demo-client&client_secret=" + kSecretEncoded});
  std::smatch match;
  return std::regex_search(answer.out, match, kToken) ? match.str() : "";
}

TEST(Secrets, NeverInAnythingAFullRunProduces) {
  ShortRunOptions options;
  options.client_secret = kSecret;
  options.with_import = true;
  // Tokens that live 5 s: the run asks for several, so more than one token could leak.
  options.fake_flags = {"--token-ttl", "5"};
  const ShortRun run(options);
  std::map<std::string, std::string> produced;  // what -> its bytes

  // 1. The daemon as a service, text logs: its health endpoint is read while it works.
  drop_members(run, "first.csv");
  {
    const auto log = run.dir() / "text.log";
    test_support::ChildProcess daemon(
        {test_support::syncd_binary(), "run", "--config", run.config().string(), "--log-format", "text", "--log-level", "debug"},
        {}, log);
    const auto port = health_port(log);
    ASSERT_NE(port, 0) << read_bytes(log);
    ASSERT_TRUE(operate_test::eventually([&] { return fs::exists(run.dir() / "imports/members.done/first.csv/status.json"); }, 90s))
        << read_bytes(log);
    for (const auto* path : {"/status", "/metrics", "/readyz", "/livez"}) produced[path] = operate_test::http_get(port, path).body;
    daemon.signal(SIGTERM);
    ASSERT_EQ(daemon.wait_for(10s), 0);
  }
  // 2. and 3. Once more in each other format, each with a new file to import.
  for (const std::string format : {"json", "journal"}) {
    drop_members(run, format + ".csv");
    const auto once = run.syncd("run", {"--once", "--log-format", format, "--log-level", "debug"});
    EXPECT_EQ(once.exit_code, 0) << format << ": " << once.err.substr(0, 3000);
    produced["run --once --log-format " + format] = once.out + once.err;
  }
  for (const std::string command : {"status", "check-config"}) {
    const auto out = run.syncd(command);
    produced[command] = out.out + out.err;
  }
  const auto status_json = run.syncd("status", {"--json"});
  produced["status --json"] = status_json.out + status_json.err;
  for (const auto& entry : walk_tree(run.dir())) {
    if (!entry.directory && entry.relative != "config.yaml") produced[entry.relative.string()] = read_bytes(run.dir() / entry.relative);
  }

  // The run did what it should, or the search below proves little.
  ASSERT_THAT(produced["text.log"], HasSubstr("staged"));
  ASSERT_THAT(produced["/metrics"], HasSubstr("marketo_sync_"));
  ASSERT_TRUE(produced.contains("state.db"));
  ASSERT_TRUE(produced.contains("imports/members.done/journal.csv/status.json"));
  const std::string token = live_token(run);
  ASSERT_FALSE(token.empty()) << "fake-marketo handed out no token";
  std::size_t reauthentications = 0;
  const std::string requests = produced["requests.jsonl"];
  for (std::size_t at = 0; (at = requests.find("/identity/oauth/token", at)) != std::string::npos; ++at) ++reauthentications;
  EXPECT_GE(reauthentications, 2u) << "only one token was issued";

  for (const auto& [what, bytes] : produced) {
    EXPECT_EQ(bytes.find(kSecret), std::string::npos) << "the client secret is in " << what;
    EXPECT_EQ(bytes.find(kSecretEncoded), std::string::npos) << "the encoded client secret is in " << what;
    EXPECT_EQ(bytes.find(token), std::string::npos) << "the access token is in " << what;
    std::smatch match;
    EXPECT_FALSE(std::regex_search(bytes, match, kToken)) << "an access token (" << match.str() << ") is in " << what;
  }
}

}  // namespace
}  // namespace msync::reliability
