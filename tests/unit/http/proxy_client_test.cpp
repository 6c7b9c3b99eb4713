// The client through an HTTP proxy: a CONNECT tunnel to the origin (the loopback CONNECT proxy of
// tests/support, on its own thread), TLS verified against the origin inside it, keep-alive through
// the tunnel, and each way a proxy can refuse or fail, named without the proxy's credentials.
#include <gmock/gmock.h>

#include "support/connect_proxy.hpp"
#include "unit/http/http_fixture.hpp"
#include "unit/http/test_pki.hpp"

namespace msync::http::test {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;
using test_support::ConnectProxy;
using test_support::ConnectProxyOptions;

class ProxyClientTest : public HttpFixture {
 protected:
  static void SetUpTestSuite() { pki_ = new TestPki(); }
  static void TearDownTestSuite() {
    delete pki_;
    pki_ = nullptr;
  }

  LoopbackServer& echo_server() {
    return server([](const Received& r) { return Reply{answer(200, "via " + r.target)}; });
  }

  LoopbackServer& tls_server(const std::string& alt_names) {
    contexts_.push_back(pki_->server_context("loopback", alt_names));
    return server([](const Received& r) { return Reply{answer(200, "secure " + r.target)}; },
                  contexts_.back().get());
  }

  static ClientOptions through(const std::string& base_url, const std::string& proxy_url) {
    ClientOptions options;
    options.base_url = base_url;
    options.ca_file = pki_->ca_file();
    options.proxy.https_proxy = proxy_url;
    options.proxy.http_proxy = proxy_url;
    return options;
  }

  // One GET to an echo server through a proxy that demands `credentials` ("user:password"), with
  // `userinfo` in the proxy URL ("" for none).
  struct Guarded {
    std::unique_ptr<ConnectProxy> proxy;
    LoopbackServer* origin;
    core::Result<Response> response;
  };
  Guarded get_through_guarded_proxy(const std::string& credentials, const std::string& userinfo) {
    ConnectProxyOptions options;
    options.required_credentials = credentials;
    auto proxy = std::make_unique<ConnectProxy>(options);
    auto& srv = echo_server();
    auto http = client(through(srv.base_url(), proxy->url(userinfo)));
    auto response = run(http->send(get("/x")));
    return Guarded{std::move(proxy), &srv, std::move(response)};
  }

  static std::string authority(const LoopbackServer& srv) { return "127.0.0.1:" + std::to_string(srv.port()); }

  static TestPki* pki_;
  std::vector<std::unique_ptr<boost::asio::ssl::context>> contexts_;
};

TestPki* ProxyClientTest::pki_ = nullptr;

TEST_F(ProxyClientTest, PlainOriginIsReachedThroughAConnectTunnel) {
  ConnectProxy proxy;
  auto& srv = echo_server();
  auto http = client(through(srv.base_url(), proxy.url()));

  auto response = run(http->send(get("/rest/v1/x.json?a=1")));

  ASSERT_TRUE(response.ok()) << response.error().message;
  EXPECT_EQ(response->body, "via /rest/v1/x.json?a=1");
  ASSERT_EQ(proxy.seen().size(), 1u);
  EXPECT_EQ(proxy.seen()[0].method, "CONNECT");
  EXPECT_EQ(proxy.seen()[0].target, authority(srv));
  EXPECT_EQ(proxy.seen()[0].host_header, authority(srv));
  EXPECT_EQ(proxy.seen()[0].authorization, "") << "no credentials were configured";
  // Inside the tunnel the request is the same as a direct one: origin-form, the origin's Host.
  ASSERT_EQ(srv.received().size(), 1u);
  EXPECT_EQ(srv.received()[0].target, "/rest/v1/x.json?a=1");
  EXPECT_EQ(srv.received()[0].header("Host"), authority(srv));
}

TEST_F(ProxyClientTest, TlsInsideTheTunnelIsVerifiedAgainstTheOrigin) {
  ConnectProxy proxy;
  auto& srv = tls_server("DNS:localhost,IP:127.0.0.1");
  auto http = client(through(srv.base_url("localhost"), proxy.url()));

  auto response = run(http->send(get("/secure")));

  ASSERT_TRUE(response.ok()) << response.error().message;
  EXPECT_EQ(response->body, "secure /secure");
  ASSERT_EQ(proxy.seen().size(), 1u);
  EXPECT_EQ(proxy.seen()[0].target, "localhost:" + std::to_string(srv.port()));
}

TEST_F(ProxyClientTest, AWrongHostCertificateIsRefusedThroughTheProxyToo) {
  ConnectProxy proxy;
  auto& srv = tls_server("DNS:other.example,IP:192.0.2.7");
  auto http = client(through(srv.base_url(), proxy.url()));

  auto response = run(http->send(get("/")));

  ASSERT_FALSE(response.ok());
  EXPECT_EQ(response.error().kind, core::ErrorKind::permanent);
  EXPECT_THAT(response.error().message, HasSubstr("host name did not match"));
  EXPECT_THAT(response.error().message, HasSubstr("TLS handshake " + srv.base_url() + " via proxy " + proxy.url()));
  EXPECT_EQ(proxy.tunnels(), 1) << "the tunnel was opened; the origin's certificate was what failed";
  EXPECT_EQ(srv.received().size(), 0u);
}

TEST_F(ProxyClientTest, KeepAliveUsesOneTunnelAndAClosedOneIsReopened) {
  ConnectProxy proxy;
  auto& srv = tls_server("DNS:localhost,IP:127.0.0.1");
  auto http = client(through(srv.base_url(), proxy.url()));

  for (int i = 0; i < 5; ++i) {
    auto response = run(http->send(get("/call/" + std::to_string(i))));
    ASSERT_TRUE(response.ok()) << response.error().message;
    EXPECT_EQ(response->body, "secure /call/" + std::to_string(i));
  }
  EXPECT_EQ(proxy.accepted(), 1);
  EXPECT_EQ(proxy.tunnels(), 1);
  EXPECT_EQ(srv.accepted(), 1);

  proxy.drop_tunnels();  // the proxy's idle timeout, say
  for (int i = 5; i < 8; ++i) {
    auto response = run(http->send(get("/call/" + std::to_string(i))));
    ASSERT_TRUE(response.ok()) << response.error().message;
    EXPECT_EQ(response->body, "secure /call/" + std::to_string(i));
  }
  EXPECT_EQ(proxy.tunnels(), 2) << "one new tunnel after the drop, then reused";
  EXPECT_EQ(srv.accepted(), 2);
}

TEST_F(ProxyClientTest, CredentialsGoOnlyToTheProxy) {
  const auto [proxy, srv, response] = get_through_guarded_proxy("syncer:s3cr3t pass", "syncer:s3cr3t%20pass");

  ASSERT_TRUE(response.ok()) << response.error().message;
  ASSERT_EQ(proxy->seen().size(), 1u);
  EXPECT_EQ(proxy->seen()[0].authorization, "Basic c3luY2VyOnMzY3IzdCBwYXNz");
  EXPECT_EQ(srv->received()[0].header("Proxy-Authorization"), "") << "the origin must never see them";
}

TEST_F(ProxyClientTest, A407WithoutCredentialsSaysHowToGiveThem) {
  const auto [proxy, srv, response] = get_through_guarded_proxy("syncer:s3cr3t", "");

  ASSERT_FALSE(response.ok());
  EXPECT_EQ(response.error().kind, core::ErrorKind::permanent);
  EXPECT_THAT(response.error().message,
              HasSubstr("CONNECT to " + authority(*srv) + " via proxy " + proxy->url() + " failed"));
  EXPECT_THAT(response.error().message, HasSubstr("407 Proxy Authentication Required"));
  EXPECT_THAT(response.error().message, HasSubstr("http://USER:PASSWORD@HOST:PORT"));
  EXPECT_EQ(srv->accepted(), 0);
}

TEST_F(ProxyClientTest, A407WithWrongCredentialsNeverShowsThem) {
  const auto [proxy, srv, response] = get_through_guarded_proxy("syncer:right", "syncer:wrong-password");

  ASSERT_FALSE(response.ok());
  EXPECT_EQ(response.error().kind, core::ErrorKind::permanent);
  EXPECT_THAT(response.error().message, HasSubstr("the proxy refused its user and password (407"));
  EXPECT_THAT(response.error().message, HasSubstr(proxy->url()));
  EXPECT_THAT(response.error().message, Not(HasSubstr("wrong-password")));
  EXPECT_THAT(response.error().message, Not(HasSubstr("syncer")));
  ASSERT_EQ(proxy->seen().size(), 1u);
  EXPECT_THAT(response.error().message, Not(HasSubstr(proxy->seen()[0].authorization.substr(6))));
}

TEST_F(ProxyClientTest, RefusalsArePermanentAndProxyTroubleTransient) {
  auto& srv = echo_server();
  for (const auto& [status, kind, words] :
       {std::tuple{403u, core::ErrorKind::permanent, "does not allow a tunnel to"},
        std::tuple{502u, core::ErrorKind::transient, "could not reach"},
        std::tuple{503u, core::ErrorKind::transient, "could not reach"},
        std::tuple{400u, core::ErrorKind::permanent, "refused the tunnel (400"}}) {
    ConnectProxyOptions options;
    options.refuse_status = status;
    ConnectProxy proxy(options);
    auto http = client(through(srv.base_url(), proxy.url()));

    auto response = run(http->send(get("/x")));

    ASSERT_FALSE(response.ok()) << status;
    EXPECT_EQ(response.error().kind, kind) << status;
    EXPECT_THAT(response.error().message, HasSubstr(words)) << status;
    EXPECT_THAT(response.error().message, HasSubstr(std::to_string(status))) << status;
    EXPECT_THAT(response.error().message, HasSubstr("via proxy " + proxy.url())) << status;
  }
  EXPECT_EQ(srv.accepted(), 0);
}

TEST_F(ProxyClientTest, AProxyThatCutsTheConnectionIsTransient) {
  // A scripted "proxy" that reads the CONNECT and hangs up.
  auto& cutter = server([](const Received&) { return Reply{"", true}; });
  auto http = client(through("https://127.0.0.1:9", cutter.base_url()));

  auto response = run(http->send(get("/x")));

  ASSERT_FALSE(response.ok());
  EXPECT_EQ(response.error().kind, core::ErrorKind::transient);
  EXPECT_THAT(response.error().message, HasSubstr("connection closed by the proxy"));
  EXPECT_THAT(response.error().message, HasSubstr("via proxy " + cutter.base_url()));
  ASSERT_EQ(cutter.received().size(), 1u);
  EXPECT_EQ(cutter.received()[0].method, "CONNECT");
  EXPECT_EQ(cutter.received()[0].target, "127.0.0.1:9");
}

TEST_F(ProxyClientTest, AProxyThatSpeaksPastIts200IsNotTrusted) {
  auto& chatty = server([](const Received&) { return Reply{"HTTP/1.1 200 OK\r\n\r\nHTTP/1.1 200 OK\r\n", false, true}; });
  auto http = client(through("http://127.0.0.1:9", chatty.base_url()));

  auto response = run(http->send(get("/x")));

  ASSERT_FALSE(response.ok());
  EXPECT_EQ(response.error().kind, core::ErrorKind::transient);
  EXPECT_THAT(response.error().message, HasSubstr("CONNECT to 127.0.0.1:9 via proxy"));
}

TEST_F(ProxyClientTest, AnUnreachableProxyIsNamedAsTheProxy) {
  // A port that was just free: nothing listens there.
  std::string url;
  {
    ConnectProxy gone;
    url = gone.url();
  }
  auto http = client(through("https://123-ABC-456.mktorest.com", url));

  auto response = run(http->send(get("/x")));

  ASSERT_FALSE(response.ok());
  EXPECT_EQ(response.error().kind, core::ErrorKind::transient);
  EXPECT_THAT(response.error().message,
              HasSubstr("connect proxy " + url + " for https://123-ABC-456.mktorest.com:443 failed"));
}

TEST_F(ProxyClientTest, NoProxyGoesDirect) {
  ConnectProxy proxy;
  auto& srv = echo_server();
  auto options = through(srv.base_url(), proxy.url());
  options.proxy.no_proxy = "example.com, 127.0.0.1";
  auto http = client(options);

  auto response = run(http->send(get("/direct")));

  ASSERT_TRUE(response.ok()) << response.error().message;
  EXPECT_EQ(response->body, "via /direct");
  EXPECT_EQ(proxy.accepted(), 0);
}

TEST_F(ProxyClientTest, AnInvalidProxyUrlFailsMakeClientWithoutItsPassword) {
  auto made = make_client(io_.get_executor(), through("https://example.com", "http://me:hunter2@proxy:0"));
  ASSERT_FALSE(made.ok());
  EXPECT_EQ(made.error().kind, core::ErrorKind::permanent);
  EXPECT_THAT(made.error().message, HasSubstr("invalid port"));
  EXPECT_THAT(made.error().message, Not(HasSubstr("hunter2")));
}

}  // namespace
}  // namespace msync::http::test
