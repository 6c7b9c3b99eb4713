// Which proxy the composition root hands lib/http: marketo.proxy first (`none` wins over the
// environment), else https_proxy / HTTPS_PROXY and http_proxy / HTTP_PROXY, lower case first, with
// no_proxy / NO_PROXY kept either way.
#include <gtest/gtest.h>

#include "daemon/proxy_settings.hpp"

namespace msync::daemon {
namespace {

config::MarketoSettings configured(std::optional<std::string> proxy) {
  config::MarketoSettings marketo;
  marketo.proxy = std::move(proxy);
  return marketo;
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

}  // namespace
}  // namespace msync::daemon
