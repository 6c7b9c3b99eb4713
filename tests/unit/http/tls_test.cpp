// HTTPS: peer verification with a CA made at test start.
#include <gmock/gmock.h>

#include "unit/http/http_fixture.hpp"
#include "unit/http/test_pki.hpp"

namespace msync::http::test {
namespace {

using ::testing::HasSubstr;

class TlsTest : public HttpFixture {
 protected:
  static void SetUpTestSuite() { pki_ = new TestPki(); }
  static void TearDownTestSuite() {
    delete pki_;
    pki_ = nullptr;
  }

  LoopbackServer& tls_server(const std::string& alt_names) {
    contexts_.push_back(pki_->server_context("loopback", alt_names));
    return server([](const Received& r) { return Reply{answer(200, "secure " + r.target)}; },
                  contexts_.back().get());
  }

  ClientOptions trusting(const std::string& base_url) const {
    ClientOptions options;
    options.base_url = base_url;
    options.ca_file = pki_->ca_file();
    return options;
  }

  static TestPki* pki_;
  std::vector<std::unique_ptr<boost::asio::ssl::context>> contexts_;
};

TestPki* TlsTest::pki_ = nullptr;

TEST_F(TlsTest, TrustedThroughCaFileByAddress) {
  auto& srv = tls_server("DNS:localhost,IP:127.0.0.1");
  auto http = client(trusting(srv.base_url()));

  for (const char* target : {"/one", "/two"}) {
    auto response = run(http->send(get(target)));
    ASSERT_TRUE(response.ok()) << response.error().message;
    EXPECT_EQ(response->body, std::string("secure ") + target);
  }
  EXPECT_EQ(srv.accepted(), 1);
}

TEST_F(TlsTest, TrustedThroughCaFileByName) {
  auto& srv = tls_server("DNS:localhost,IP:127.0.0.1");
  auto http = client(trusting(srv.base_url("localhost")));

  auto response = run(http->send(get("/named")));

  ASSERT_TRUE(response.ok()) << response.error().message;
  EXPECT_EQ(response->body, "secure /named");
  EXPECT_EQ(srv.received()[0].header("Host"), "localhost:" + std::to_string(srv.port()));
}

TEST_F(TlsTest, UnknownCaIsRefusedPermanently) {
  auto& srv = tls_server("DNS:localhost,IP:127.0.0.1");
  auto http = client(srv.base_url());  // the system store only

  auto response = run(http->send(get("/")));

  ASSERT_FALSE(response.ok());
  EXPECT_EQ(response.error().kind, core::ErrorKind::permanent);
  EXPECT_THAT(response.error().message, HasSubstr("certificate was not trusted"));
  EXPECT_THAT(response.error().message, HasSubstr("TLS handshake " + srv.base_url()));
  EXPECT_EQ(srv.received().size(), 0u);
}

TEST_F(TlsTest, WrongHostNameIsRefusedPermanently) {
  auto& srv = tls_server("DNS:other.example,IP:192.0.2.7");
  auto http = client(trusting(srv.base_url()));

  auto response = run(http->send(get("/")));

  ASSERT_FALSE(response.ok());
  EXPECT_EQ(response.error().kind, core::ErrorKind::permanent);
  EXPECT_THAT(response.error().message, HasSubstr("host name did not match"));
  EXPECT_EQ(srv.received().size(), 0u);
}

TEST_F(TlsTest, WrongDnsNameIsRefusedPermanently) {
  auto& srv = tls_server("DNS:other.example,IP:127.0.0.1");
  auto http = client(trusting(srv.base_url("localhost")));

  auto response = run(http->send(get("/")));

  ASSERT_FALSE(response.ok());
  EXPECT_EQ(response.error().kind, core::ErrorKind::permanent);
  EXPECT_THAT(response.error().message, HasSubstr("host name did not match"));
}

TEST_F(TlsTest, DownloadOverTlsDeliversExactBytes) {
  std::string body(2u << 20, '\0');
  for (std::size_t i = 0; i < body.size(); ++i) body[i] = static_cast<char>((i * 7919) >> 3);
  contexts_.push_back(pki_->server_context("loopback", "IP:127.0.0.1"));
  auto& srv = server([&](const Received&) { return Reply{answer(200, body)}; }, contexts_.back().get());
  auto http = client(trusting(srv.base_url()));
  StringSink sink;

  auto result = run(http->download(get("/file"), sink));

  ASSERT_TRUE(result.ok()) << result.error().message;
  EXPECT_EQ(result->bytes_delivered, body.size());
  EXPECT_TRUE(sink.body == body);
}

TEST_F(TlsTest, StaleTlsConnectionIsRetriedForGet) {
  contexts_.push_back(pki_->server_context("loopback", "IP:127.0.0.1"));
  auto& srv = server(
      [](const Received& r) {
        if (r.connection == 0 && r.index == 1) return Reply{"", true};
        return Reply{answer(200, "ok")};
      },
      contexts_.back().get());
  auto http = client(trusting(srv.base_url()));
  ASSERT_TRUE(run(http->send(get("/a"))).ok());

  auto response = run(http->send(get("/b")));

  ASSERT_TRUE(response.ok()) << response.error().message;
  EXPECT_EQ(srv.accepted(), 2);
}

}  // namespace
}  // namespace msync::http::test
