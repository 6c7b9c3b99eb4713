// marketo-syncd through an HTTP proxy, end to end: `run --once` against fake-marketo over HTTPS
// (the test CA) with HTTPS_PROXY pointing at the loopback CONNECT proxy stages exactly what a direct
// run stages; NO_PROXY and `proxy: none` bypass it, `marketo.proxy` selects it; a 407 is reported
// clearly without the credentials anywhere; a wrong-host certificate is refused through the tunnel.
#include <gmock/gmock.h>
#include <sysexits.h>

#include "proxy_run.hpp"
#include "support/connect_proxy.hpp"

namespace msync::proxy_test {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;
using test_support::ConnectProxy;
using test_support::ConnectProxyOptions;

// Every CONNECT the proxy saw went to fake-marketo and was tunnelled.
void expect_tunnels_to(const ConnectProxy& proxy, const ProxyRun& run) {
  const auto seen = proxy.seen();
  ASSERT_FALSE(seen.empty()) << "the proxy saw no CONNECT";
  for (const auto& connect : seen) {
    EXPECT_EQ(connect.method, "CONNECT");
    EXPECT_EQ(connect.target, run.fake_authority());
    EXPECT_EQ(connect.answered, 200u);
  }
}

TEST(Proxy, ARunThroughTheProxyStagesWhatADirectRunStages) {
  ConnectProxy proxy;
  const ProxyRun direct;
  const ProxyRun proxied;
  ASSERT_THAT(proxied.fake_url(), ::testing::StartsWith("https://"));

  const auto direct_result = direct.run_once();
  ASSERT_EQ(direct_result.exit_code, 0) << direct_result.err;
  EXPECT_EQ(proxy.accepted(), 0) << "no proxy was configured for the direct run";

  const auto result = proxied.run_once({{"HTTPS_PROXY", proxy.url()}});
  ASSERT_EQ(result.exit_code, 0) << result.err;

  const auto rows = proxied.staged_rows();
  EXPECT_GT(rows.size(), 50u);
  EXPECT_TRUE(rows == direct.staged_rows()) << "the proxied run staged other rows than the direct one";
  proxied.expect_staged_matches_oracle();
  expect_tunnels_to(proxy, proxied);

  // Keep-alive through the tunnel: clients are pooled per origin and keep their connection, so the
  // tunnels number at most the calls in flight at once (Marketo's 10), far fewer than the calls.
  const auto calls = proxied.requests();
  EXPECT_GE(calls, 12u);
  EXPECT_LE(proxy.tunnels(), 10) << calls << " calls";
  EXPECT_LT(static_cast<std::size_t>(proxy.tunnels()) * 2, calls)
      << calls << " calls through " << proxy.tunnels() << " tunnels: connections were not reused";
}

TEST(Proxy, LowerCaseVariableAndTheConfigKeySelectTheProxyToo) {
  ConnectProxy proxy;
  const ProxyRun by_variable;
  const auto result = by_variable.run_once({{"https_proxy", proxy.url()}});
  ASSERT_EQ(result.exit_code, 0) << result.err;
  expect_tunnels_to(proxy, by_variable);
  const int after_variable = proxy.tunnels();

  ProxyRunOptions options;
  options.marketo_yaml = "  proxy: " + proxy.url() + "\n";
  const ProxyRun by_config(options);
  const auto configured = by_config.run_once();
  ASSERT_EQ(configured.exit_code, 0) << configured.err;
  EXPECT_GT(proxy.tunnels(), after_variable) << "marketo.proxy was not used";
  by_config.expect_staged_matches_oracle();
}

TEST(Proxy, NoProxyAndProxyNoneBypassIt) {
  ConnectProxy proxy;
  const ProxyRun exempt;
  const auto result = exempt.run_once({{"HTTPS_PROXY", proxy.url()}, {"NO_PROXY", "example.com, 127.0.0.1"}});
  ASSERT_EQ(result.exit_code, 0) << result.err;
  exempt.expect_staged_matches_oracle();

  ProxyRunOptions options;
  options.marketo_yaml = "  proxy: none\n";
  const ProxyRun switched_off(options);
  const auto off = switched_off.run_once({{"HTTPS_PROXY", proxy.url()}});
  ASSERT_EQ(off.exit_code, 0) << off.err;
  switched_off.expect_staged_matches_oracle();

  EXPECT_EQ(proxy.accepted(), 0) << "the proxy was used although NO_PROXY / proxy: none exempted the origin";
}

TEST(Proxy, A407IsReportedClearlyAndTheCredentialsAppearNowhere) {
  ConnectProxyOptions options;
  options.required_credentials = "syncer:the-right-one";
  ConnectProxy proxy(options);
  const ProxyRun run;
  const std::string password = "Wr0ngPassw0rd";

  const auto result = run.run_once({{"HTTPS_PROXY", proxy.url("syncer:" + password)}});

  EXPECT_EQ(result.exit_code, EX_CONFIG) << result.err;
  const std::string output = result.out + result.err;
  EXPECT_THAT(output, HasSubstr("via proxy " + proxy.url()));
  EXPECT_THAT(output, HasSubstr("the proxy refused its user and password (407 Proxy Authentication Required)"));
  ASSERT_FALSE(proxy.seen().empty());
  const std::string sent = proxy.seen()[0].authorization;
  ASSERT_THAT(sent, ::testing::StartsWith("Basic "));
  for (const std::string& secret : {password, sent.substr(6), std::string("syncer:")}) {
    EXPECT_THAT(output, Not(HasSubstr(secret)));
    EXPECT_THAT(everything_written(run.dir()), Not(HasSubstr(secret)));
  }
  EXPECT_EQ(run.requests(), 0u) << "nothing may reach Marketo past a refusing proxy";
}

TEST(Proxy, A407WithoutCredentialsSaysWhereToPutThem) {
  ConnectProxyOptions options;
  options.refuse_status = 407;
  ConnectProxy proxy(options);
  const ProxyRun run;

  const auto result = run.run_once({{"HTTPS_PROXY", proxy.url()}});

  EXPECT_EQ(result.exit_code, EX_CONFIG) << result.err;
  EXPECT_THAT(result.err, HasSubstr("407 Proxy Authentication Required"));
  EXPECT_THAT(result.err, HasSubstr("http://USER:PASSWORD@HOST:PORT"));
}

TEST(Proxy, AWrongHostCertificateIsStillRefusedThroughTheProxy) {
  ConnectProxy proxy;
  ProxyRunOptions options;
  options.certificate = "wrong-host";
  const ProxyRun run(options);

  const auto result = run.run_once({{"HTTPS_PROXY", proxy.url()}});

  EXPECT_EQ(result.exit_code, EX_CONFIG) << result.err;
  EXPECT_THAT(result.err, HasSubstr("host name did not match the server's certificate"));
  EXPECT_THAT(result.err, HasSubstr("via proxy " + proxy.url()));
  expect_tunnels_to(proxy, run);
  EXPECT_EQ(run.requests(), 0u) << "a request was sent over an unverified connection";
}

}  // namespace
}  // namespace msync::proxy_test
