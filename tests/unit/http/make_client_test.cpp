// make_client(): what base_url and ca_file it accepts; origin details; header lookup.
#include <boost/asio/io_context.hpp>
#include <gmock/gmock.h>

#include "http/http.hpp"
#include "http/origin.hpp"

namespace msync::http {
namespace {

using ::testing::HasSubstr;

TEST(ParseOrigin, HttpsWithDefaultPort) {
  auto origin = parse_origin("https://123-ABC-456.mktorest.com");
  ASSERT_TRUE(origin.ok()) << origin.error().message;
  EXPECT_TRUE(origin->tls);
  EXPECT_EQ(origin->host, "123-ABC-456.mktorest.com");
  EXPECT_EQ(origin->port, "443");
  EXPECT_FALSE(origin->host_is_address);
  EXPECT_EQ(origin->host_header, "123-ABC-456.mktorest.com");
  EXPECT_EQ(origin->name, "https://123-ABC-456.mktorest.com:443");
}

TEST(ParseOrigin, HttpWithPortAndTrailingSlash) {
  auto origin = parse_origin("http://127.0.0.1:8080/");
  ASSERT_TRUE(origin.ok()) << origin.error().message;
  EXPECT_FALSE(origin->tls);
  EXPECT_EQ(origin->host, "127.0.0.1");
  EXPECT_TRUE(origin->host_is_address);
  EXPECT_EQ(origin->port, "8080");
  EXPECT_EQ(origin->host_header, "127.0.0.1:8080");
}

TEST(ParseOrigin, Ipv6Literal) {
  auto origin = parse_origin("https://[::1]:8443");
  ASSERT_TRUE(origin.ok()) << origin.error().message;
  EXPECT_EQ(origin->host, "::1");
  EXPECT_TRUE(origin->host_is_address);
  EXPECT_EQ(origin->host_header, "[::1]:8443");
  EXPECT_EQ(origin->name, "https://[::1]:8443");
}

TEST(ParseOrigin, RefusesWhatIsNotAnOrigin) {
  for (const char* url :
       {"", "example.com", "ftp://example.com", "https://user:pw@example.com", "https://example.com/rest",
        "https://example.com?x=1", "https://example.com#f", "https://example.com:0",
        "https://example.com:99999", "https://example.com:", "https://"}) {
    auto origin = parse_origin(url);
    EXPECT_FALSE(origin.ok()) << url;
    if (!origin.ok()) {
      EXPECT_EQ(origin.error().kind, core::ErrorKind::permanent) << url;
    }
  }
}

// A port with text glued to it is named as a bad port, not as a path (Boost.URL reads the text
// after the digits as a path).
TEST(ParseOrigin, AMistypedPortIsNamedAsOne) {
  for (const std::string url : {"http://127.0.0.1:80ab", "https://example.com:abc", "https://example.com:443x/"})
    EXPECT_EQ(parse_origin(url).error().message, "http: base_url '" + url + "' has an invalid port");
  EXPECT_EQ(parse_origin("https://example.com:443/rest").error().message,
            "http: base_url 'https://example.com:443/rest' must not have a path");
}

TEST(MakeClient, BadUrlIsAPermanentError) {
  boost::asio::io_context io;
  ClientOptions options;
  options.base_url = "https://user:secret@example.com";
  auto made = make_client(io.get_executor(), options);
  ASSERT_FALSE(made.ok());
  EXPECT_EQ(made.error().kind, core::ErrorKind::permanent);
  EXPECT_THAT(made.error().message, HasSubstr("user info"));
}

TEST(MakeClient, UnreadableCaFileIsAnError) {
  boost::asio::io_context io;
  ClientOptions options;
  options.base_url = "https://example.com";
  options.ca_file = "does/not/exist.pem";
  auto made = make_client(io.get_executor(), options);
  ASSERT_FALSE(made.ok());
  EXPECT_EQ(made.error().kind, core::ErrorKind::permanent);
  EXPECT_THAT(made.error().message, HasSubstr("does/not/exist.pem"));
}

TEST(MakeClient, AcceptsAnOrigin) {
  boost::asio::io_context io;
  ClientOptions options;
  options.base_url = "https://example.com:8443";
  auto made = make_client(io.get_executor(), options);
  ASSERT_TRUE(made.ok()) << made.error().message;
  EXPECT_NE(made.value(), nullptr);
}

TEST(Headers, LookupIgnoresCaseAndTakesTheFirst) {
  Response response;
  response.headers = {{"Content-Type", "text/csv"}, {"X-Twice", "one"}, {"x-twice", "two"}};
  EXPECT_EQ(response.header("content-TYPE"), "text/csv");
  EXPECT_EQ(response.header("X-TWICE"), "one");
  EXPECT_EQ(response.header("Content-Typ"), "");
  DownloadResult result;
  result.headers = {{"ETag", "abc"}};
  EXPECT_EQ(result.header("etag"), "abc");
  EXPECT_EQ(result.header("missing"), "");
}

}  // namespace
}  // namespace msync::http
