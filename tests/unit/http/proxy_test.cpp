// Proxy settings as lib/http reads them: proxy URLs (credentials kept out of every message),
// NO_PROXY matching as curl does it, and which proxy an origin gets.
#include <gmock/gmock.h>

#include "http/origin.hpp"
#include "http/proxy.hpp"

namespace msync::http {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

Origin origin(const std::string& url) {
  auto parsed = parse_origin(url);
  EXPECT_TRUE(parsed.ok()) << url;
  return parsed.ok() ? *parsed : Origin{};
}

TEST(ParseProxy, HostAndPort) {
  auto proxy = parse_proxy("http://proxy.corp.example:3128");
  ASSERT_TRUE(proxy.ok()) << proxy.error().message;
  EXPECT_EQ(proxy->host, "proxy.corp.example");
  EXPECT_FALSE(proxy->host_is_address);
  EXPECT_EQ(proxy->port, "3128");
  EXPECT_EQ(proxy->authorization, "");
  EXPECT_EQ(proxy->name, "http://proxy.corp.example:3128");
}

TEST(ParseProxy, WithoutSchemeOrPortAsCurlReadsIt) {
  auto proxy = parse_proxy("10.0.0.5");
  ASSERT_TRUE(proxy.ok()) << proxy.error().message;
  EXPECT_EQ(proxy->host, "10.0.0.5");
  EXPECT_TRUE(proxy->host_is_address);
  EXPECT_EQ(proxy->port, "1080");
  EXPECT_EQ(proxy->name, "http://10.0.0.5:1080");
}

TEST(ParseProxy, Ipv6LiteralAndTrailingSlash) {
  auto proxy = parse_proxy("http://[::1]:8080/");
  ASSERT_TRUE(proxy.ok()) << proxy.error().message;
  EXPECT_EQ(proxy->host, "::1");
  EXPECT_TRUE(proxy->host_is_address);
  EXPECT_EQ(proxy->name, "http://[::1]:8080");
}

TEST(ParseProxy, CredentialsBecomeBasicAuthorizationAndStayOutOfTheName) {
  // "Aladdin:open sesame" is RFC 7617's example; the space arrives percent-encoded.
  auto proxy = parse_proxy("http://Aladdin:open%20sesame@proxy:3128");
  ASSERT_TRUE(proxy.ok()) << proxy.error().message;
  EXPECT_EQ(proxy->authorization, "Basic QWxhZGRpbjpvcGVuIHNlc2FtZQ==");
  EXPECT_EQ(proxy->name, "http://proxy:3128");
}

TEST(ParseProxy, RefusalsNameTheProblemButNeverTheCredentials) {
  for (const char* url : {"https://user:hunter2@proxy:3128", "socks5://user:hunter2@proxy:1080",
                          "http://user:hunter2@proxy:99999", "http://user:hunter2@proxy:3128/path",
                          "http://user:hunter2@proxy:3128?q=1", "http://user:hunter2@:3128", "http://user:hunter2@"}) {
    auto proxy = parse_proxy(url);
    ASSERT_FALSE(proxy.ok()) << url;
    EXPECT_EQ(proxy.error().kind, core::ErrorKind::permanent) << url;
    EXPECT_THAT(proxy.error().message, HasSubstr("http: proxy '")) << url;
    EXPECT_THAT(proxy.error().message, Not(HasSubstr("hunter2"))) << url;
    EXPECT_THAT(proxy.error().message, Not(HasSubstr("user"))) << url;
  }
  EXPECT_THAT(parse_proxy("https://proxy:3128").error().message, HasSubstr("must start with http://"));
  EXPECT_THAT(parse_proxy("http://proxy:99999").error().message, HasSubstr("invalid port"));
  for (const char* url : {"proxy.corp:abc", "http://proxy.corp:abc", "http://proxy:12ab", "http://proxy:12ab/"})
    EXPECT_EQ(parse_proxy(url).error().message, "http: proxy '" + std::string(url) + "' has an invalid port");
  EXPECT_THAT(parse_proxy("http://proxy:12/ab").error().message, HasSubstr("must not have a path"));
}

TEST(RedactProxyUrl, HidesUserInfo) {
  EXPECT_EQ(redact_proxy_url("http://u:p@host:1/"), "http://***@host:1/");
  EXPECT_EQ(redact_proxy_url("u:p@host:1"), "***@host:1");
  EXPECT_EQ(redact_proxy_url("http://host:1"), "http://host:1");
}

// A password with an unencoded '/', '?' or '#' ends the URL's authority early (parse_proxy then
// says "invalid port"): it must still never be shown.
TEST(RedactProxyUrl, PasswordsHoldingDelimitersAreHiddenToo) {
  for (const std::string password : {"pa/ss", "pa?ss", "pa#ss"}) {
    const std::string url = "http://user:" + password + "@proxy:3128";
    EXPECT_EQ(redact_proxy_url(url), "http://***@proxy:3128") << url;
    auto proxy = parse_proxy(url);
    if (proxy.ok()) continue;  // parsed after all: nothing to show
    EXPECT_THAT(proxy.error().message, Not(HasSubstr(password))) << url;
    EXPECT_THAT(proxy.error().message, Not(HasSubstr("user"))) << url;
  }
}

TEST(NoProxy, ExactHostAndDomainSuffixes) {
  const auto api = origin("https://123-ABC-456.mktorest.com");
  EXPECT_TRUE(bypasses_proxy("123-abc-456.mktorest.com", api)) << "case-insensitive";
  EXPECT_TRUE(bypasses_proxy("mktorest.com", api));
  EXPECT_TRUE(bypasses_proxy(".mktorest.com", api));
  EXPECT_TRUE(bypasses_proxy("internal, .mktorest.com ,other", api));
  EXPECT_TRUE(bypasses_proxy("mktorest.com:443", api)) << "ports are ignored";
  EXPECT_TRUE(bypasses_proxy("mktorest.com:8443", api)) << "ports are ignored, as curl does";
  EXPECT_FALSE(bypasses_proxy("rest.com", api)) << "a suffix matches at a dot only";
  EXPECT_FALSE(bypasses_proxy("456.mktorest", api));
  EXPECT_FALSE(bypasses_proxy("", api));
  EXPECT_FALSE(bypasses_proxy(" , ,", api));
}

TEST(NoProxy, StarMatchesEverything) {
  EXPECT_TRUE(bypasses_proxy("*", origin("https://example.com")));
  EXPECT_TRUE(bypasses_proxy("localhost, *", origin("http://[::1]:80")));
}

TEST(NoProxy, IpLiteralsMatchTheSameAddressOnly) {
  const auto v4 = origin("http://127.0.0.1:8080");
  EXPECT_TRUE(bypasses_proxy("127.0.0.1", v4));
  EXPECT_TRUE(bypasses_proxy("127.0.0.1:9999", v4));
  EXPECT_FALSE(bypasses_proxy("0.0.1", v4)) << "no suffix matching for addresses";
  EXPECT_FALSE(bypasses_proxy("127.0.0.2,localhost", v4));

  const auto v6 = origin("https://[::1]:8443");
  EXPECT_TRUE(bypasses_proxy("::1", v6));
  EXPECT_TRUE(bypasses_proxy("[::1]", v6));
  EXPECT_TRUE(bypasses_proxy("[::1]:8443", v6));
  EXPECT_TRUE(bypasses_proxy("0:0:0:0:0:0:0:1", v6)) << "the same address spelled out";
  EXPECT_FALSE(bypasses_proxy("127.0.0.1", v6));
}

TEST(ChooseProxy, SchemeSelectsTheVariableAndNoProxyExempts) {
  ProxySettings settings;
  settings.https_proxy = "http://secure-proxy:3128";
  settings.http_proxy = "http://plain-proxy:3128";
  settings.no_proxy = "localhost,.internal";

  auto https = choose_proxy(settings, origin("https://123-ABC-456.mktorest.com"));
  ASSERT_TRUE(https.ok() && https->has_value());
  EXPECT_EQ((*https)->name, "http://secure-proxy:3128");

  auto http = choose_proxy(settings, origin("http://api.example:8080"));
  ASSERT_TRUE(http.ok() && http->has_value());
  EXPECT_EQ((*http)->name, "http://plain-proxy:3128");

  auto exempt = choose_proxy(settings, origin("https://marketo.internal"));
  ASSERT_TRUE(exempt.ok());
  EXPECT_FALSE(exempt->has_value());

  settings.https_proxy.clear();
  auto direct = choose_proxy(settings, origin("https://123-ABC-456.mktorest.com"));
  ASSERT_TRUE(direct.ok());
  EXPECT_FALSE(direct->has_value());
}

TEST(ChooseProxy, AnInvalidProxyIsAnErrorOnlyWhenItWouldBeUsed) {
  ProxySettings settings;
  settings.https_proxy = "ftp://pw:secret@proxy";
  settings.no_proxy = "localhost";
  EXPECT_FALSE(choose_proxy(settings, origin("https://example.com")).ok());
  EXPECT_TRUE(choose_proxy(settings, origin("https://localhost")).ok());
}

}  // namespace
}  // namespace msync::http
