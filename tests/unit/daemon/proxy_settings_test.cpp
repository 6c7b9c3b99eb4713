// Which proxy the composition root hands lib/http: marketo.proxy first (`none` wins over the
// environment), else https_proxy / HTTPS_PROXY and http_proxy / HTTP_PROXY, lower case first, with
// no_proxy / NO_PROXY kept either way.
#include <gtest/gtest.h>

#include <map>
#include <string>

#include "daemon/proxy_settings.hpp"

namespace msync::daemon {
namespace {

config::MarketoSettings configured(std::optional<std::string> proxy,
                                   std::string base_url = "https://123-ABC-456.mktorest.com") {
  config::MarketoSettings marketo;
  marketo.proxy = std::move(proxy);
  marketo.base_url = std::move(base_url);
  return marketo;
}

config::MapEnvironment variables(std::map<std::string, std::string> set) { return config::MapEnvironment(std::move(set)); }

std::string proxy_problem(const config::MarketoSettings& marketo, const config::Environment& environment) {
  auto checked = check_proxy(marketo, environment);
  return checked ? "" : checked.error().message;
}

TEST(ProxySettings, NothingSetMeansDirect) {
  const auto proxy = proxy_settings(configured(std::nullopt), config::MapEnvironment{});
  EXPECT_EQ(proxy.https_proxy, "");
  EXPECT_EQ(proxy.http_proxy, "");
  EXPECT_EQ(proxy.no_proxy, "");
}

TEST(ProxySettings, EnvironmentPerSchemeLowerCaseFirst) {
  const config::MapEnvironment env({{"HTTPS_PROXY", "http://upper-secure:1"},
                                    {"https_proxy", "http://lower-secure:2"},
                                    {"HTTP_PROXY", "http://upper-plain:3"},
                                    {"NO_PROXY", ".internal"}});
  const auto proxy = proxy_settings(configured(std::nullopt), env);
  EXPECT_EQ(proxy.https_proxy, "http://lower-secure:2");
  EXPECT_EQ(proxy.http_proxy, "http://upper-plain:3");
  EXPECT_EQ(proxy.no_proxy, ".internal");
}

TEST(ProxySettings, AnEmptyVariableCountsAsUnset) {
  const config::MapEnvironment env({{"https_proxy", ""}, {"HTTPS_PROXY", "http://upper:1"}, {"no_proxy", ""}});
  const auto proxy = proxy_settings(configured(std::nullopt), env);
  EXPECT_EQ(proxy.https_proxy, "http://upper:1");
  EXPECT_EQ(proxy.no_proxy, "");
}

TEST(ProxySettings, TheConfigKeyWinsForBothSchemesAndNoProxyStillApplies) {
  const config::MapEnvironment env({{"HTTPS_PROXY", "http://from-env:1"}, {"no_proxy", "localhost"}});
  const auto proxy = proxy_settings(configured("http://from-config:3128"), env);
  EXPECT_EQ(proxy.https_proxy, "http://from-config:3128");
  EXPECT_EQ(proxy.http_proxy, "http://from-config:3128");
  EXPECT_EQ(proxy.no_proxy, "localhost");
}

TEST(ProxySettings, ProxyNoneIgnoresTheEnvironment) {
  const config::MapEnvironment env({{"HTTPS_PROXY", "http://from-env:1"}, {"HTTP_PROXY", "http://from-env:2"}});
  const auto proxy = proxy_settings(configured(""), env);
  EXPECT_EQ(proxy.https_proxy, "");
  EXPECT_EQ(proxy.http_proxy, "");
}

// A proxy URL that only the HTTP client could refuse is refused at start-up, named by where it
// came from, its credentials hidden.
TEST(ProxySettings, ABadProxyIsNamedByItsSourceBeforeAnyCall) {
  const std::string configured_problem =
      proxy_problem(configured("http://me:hunter2@proxy.corp:99999"), config::MapEnvironment{});
  EXPECT_TRUE(configured_problem.starts_with("marketo.proxy: http: proxy 'http://***@proxy.corp:99999' "))
      << configured_problem;
  EXPECT_EQ(configured_problem.find("hunter2"), std::string::npos);

  const config::MapEnvironment upper = variables({{"HTTPS_PROXY", "http://proxy.corp:port"}});
  EXPECT_TRUE(proxy_problem(configured(std::nullopt), upper).starts_with("HTTPS_PROXY: http: proxy"))
      << proxy_problem(configured(std::nullopt), upper);
  const config::MapEnvironment lower = variables({{"https_proxy", "socks5://proxy.corp:1080"}});
  EXPECT_TRUE(proxy_problem(configured(std::nullopt), lower).starts_with("https_proxy: http: proxy"))
      << proxy_problem(configured(std::nullopt), lower);
  const config::MapEnvironment plain = variables({{"HTTP_PROXY", "http://proxy.corp:99999"}});
  EXPECT_TRUE(proxy_problem(configured(std::nullopt, "http://127.0.0.1:18080"), plain).starts_with("HTTP_PROXY: "));

  config::MarketoSettings identity = configured(std::nullopt, "http://127.0.0.1:18080");
  identity.identity_url = "https://123-ABC-456.mktorest.com/identity";
  EXPECT_TRUE(proxy_problem(identity, upper).starts_with("HTTPS_PROXY: ")) << "identity_url's origin is checked too";
}

// A proxy no Marketo origin goes through is not the daemon's concern, however it is written.
TEST(ProxySettings, AProxyNoMarketoOriginUsesIsNotChecked) {
  EXPECT_EQ(proxy_problem(configured(std::nullopt), config::MapEnvironment{}), "");
  EXPECT_EQ(proxy_problem(configured("http://proxy.corp:3128"), config::MapEnvironment{}), "");
  EXPECT_EQ(proxy_problem(configured(""), variables({{"HTTPS_PROXY", "http://proxy.corp:99999"}})), "");
  // Another scheme's variable, and an origin NO_PROXY exempts.
  EXPECT_EQ(proxy_problem(configured(std::nullopt), variables({{"HTTP_PROXY", "http://x:99999"}})), "");
  EXPECT_EQ(proxy_problem(configured(std::nullopt),
                          variables({{"HTTPS_PROXY", "http://x:99999"}, {"NO_PROXY", "mktorest.com"}})),
            "");
}

}  // namespace
}  // namespace msync::daemon
