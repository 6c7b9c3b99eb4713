// marketo.proxy: absent (the environment decides), `none` / empty / null (no proxy), or an http://
// URL; anything else is an error at its line:col that never echoes the value (it may hold a password).
#include "unit/config/config_fixture.hpp"

namespace msync::config {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::Not;

const std::string tail =
    "state_db: state.db\n"
    "staging_dir: staging\n";

std::string with_proxy(const std::string& line) {
  return "marketo:\n"
         "  base_url: https://example.mktorest.com\n"
         "  client_id: the-id\n"
         "  client_secret: topsecret\n" +
         line + tail;
}

TEST_F(ConfigTest, ProxyAbsentLeavesItToTheEnvironment) {
  EXPECT_FALSE(valid(head).marketo.proxy.has_value());
}

TEST_F(ConfigTest, ProxyUrlIsKeptAsGiven) {
  const Config config = valid(with_proxy("  proxy: http://user:pw@proxy.corp:3128\n"));
  ASSERT_TRUE(config.marketo.proxy.has_value());
  EXPECT_EQ(*config.marketo.proxy, "http://user:pw@proxy.corp:3128");
}

TEST_F(ConfigTest, ProxyFromAnEnvironmentVariable) {
  env_ = MapEnvironment(std::map<std::string, std::string>{{"CORP_PROXY", "http://proxy.corp:8080"}});
  const Config config = valid(with_proxy("  proxy: ${CORP_PROXY}\n"));
  EXPECT_EQ(config.marketo.proxy.value_or("?"), "http://proxy.corp:8080");
}

TEST_F(ConfigTest, ProxyNoneEmptyOrNullSwitchesItOff) {
  for (const char* line : {"  proxy: none\n", "  proxy: \"\"\n", "  proxy:\n", "  proxy: ~\n"}) {
    const Config config = valid(with_proxy(line));
    ASSERT_TRUE(config.marketo.proxy.has_value()) << line;
    EXPECT_EQ(*config.marketo.proxy, "") << line;
  }
}

TEST_F(ConfigTest, ProxyThatIsNotAnHttpUrlIsAnErrorWithoutItsValue) {
  EXPECT_THAT(errors(with_proxy("  proxy: socks5://me:hunter2@proxy:1080\n")),
              ElementsAre("test.yaml:5:10: marketo.proxy: expected http://[USER:PASSWORD@]HOST[:PORT] or none"));
  const auto https = errors(with_proxy("  proxy: https://me:hunter2@proxy:443\n"));
  ASSERT_EQ(https.size(), 1u);
  EXPECT_THAT(https[0], HasSubstr("(the proxy itself is spoken to in plain HTTP)"));
  EXPECT_THAT(https[0], Not(HasSubstr("hunter2")));
  EXPECT_THAT(errors(with_proxy("  proxy: [a, b]\n")), ElementsAre(HasSubstr("test.yaml:5:10: marketo.proxy must be")));
}

}  // namespace
}  // namespace msync::config
