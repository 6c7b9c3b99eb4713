#pragma once
// A throw-away certificate authority made at test start with the OpenSSL C API: a CA file on disk
// for ClientOptions::ca_file and server certificates for the loopback server.
#include <filesystem>
#include <memory>
#include <string>

#include <boost/asio/ssl/context.hpp>

namespace msync::http::test {

class TestPki {
 public:
  TestPki();  // writes ca.pem into a fresh temporary directory
  ~TestPki();
  TestPki(const TestPki&) = delete;
  TestPki& operator=(const TestPki&) = delete;

  std::string ca_file() const { return (dir_ / "ca.pem").string(); }

  // A server context whose certificate, signed by this CA, names the given subjectAltName list,
  // e.g. "DNS:localhost,IP:127.0.0.1".
  std::unique_ptr<boost::asio::ssl::context> server_context(const std::string& common_name,
                                                            const std::string& alt_names) const;

 private:
  struct Keys;
  std::filesystem::path dir_;
  std::unique_ptr<Keys> keys_;
};

}  // namespace msync::http::test
