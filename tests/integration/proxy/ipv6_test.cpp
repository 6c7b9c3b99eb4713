// An IPv6 loopback origin end to end: base_url http://[::1]:PORT (brackets in the URL and in the
// Host header), directly and through a proxy that itself listens on ::1. Skipped only where the
// machine has no IPv6 loopback.
#include <gmock/gmock.h>

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>

#include "proxy_run.hpp"
#include "support/connect_proxy.hpp"

namespace msync::proxy_test {
namespace {

bool has_ipv6_loopback() {
  boost::asio::io_context io;
  boost::asio::ip::tcp::acceptor acceptor(io);
  boost::system::error_code ec;
  acceptor.open(boost::asio::ip::tcp::v6(), ec);
  if (!ec) acceptor.bind({boost::asio::ip::address_v6::loopback(), 0}, ec);
  return !ec;
}

ProxyRunOptions ipv6_origin() {
  ProxyRunOptions options;
  options.tls = false;  // the test certificate names 127.0.0.1 and localhost only
  options.listen = "[::1]:0";
  return options;
}

TEST(Ipv6, ABracketedLoopbackOriginWorksEndToEnd) {
  if (!has_ipv6_loopback()) GTEST_SKIP() << "this machine has no IPv6 loopback (cannot bind [::1])";
  const ProxyRun run(ipv6_origin());
  ASSERT_THAT(run.fake_url(), ::testing::StartsWith("http://[::1]:"));

  const auto result = run.run_once();

  ASSERT_EQ(result.exit_code, 0) << result.err;
  run.expect_staged_matches_oracle();
  EXPECT_GT(run.requests(), 0u);
}

TEST(Ipv6, ThroughAProxyOnIpv6Loopback) {
  if (!has_ipv6_loopback()) GTEST_SKIP() << "this machine has no IPv6 loopback (cannot bind [::1])";
  test_support::ConnectProxyOptions options;
  options.listen_host = "::1";
  test_support::ConnectProxy proxy(options);
  const ProxyRun run(ipv6_origin());

  const auto result = run.run_once({{"HTTP_PROXY", proxy.url()}});

  ASSERT_EQ(result.exit_code, 0) << result.err;
  run.expect_staged_matches_oracle();
  ASSERT_FALSE(proxy.seen().empty());
  EXPECT_EQ(proxy.seen()[0].target, run.fake_authority());
  EXPECT_THAT(proxy.seen()[0].target, ::testing::StartsWith("[::1]:"));
}

}  // namespace
}  // namespace msync::proxy_test
