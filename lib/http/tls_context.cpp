#include "http/tls_context.hpp"

#include <boost/asio/ssl/host_name_verification.hpp>
#include <openssl/ssl.h>
#include <openssl/x509_vfy.h>

namespace msync::http {

core::Result<std::shared_ptr<boost::asio::ssl::context>> make_tls_context(const std::string& ca_file) {
  namespace ssl = boost::asio::ssl;
  auto context = std::make_shared<ssl::context>(ssl::context::tls_client);
  if (SSL_CTX_set_min_proto_version(context->native_handle(), TLS1_2_VERSION) != 1) {
    return core::make_error("http: cannot require TLS 1.2", core::ErrorKind::permanent);
  }
  boost::system::error_code ec;
  context->set_default_verify_paths(ec);
  if (ec) {
    return core::make_error("http: cannot load the system trust store: " + ec.message(),
                            core::ErrorKind::permanent);
  }
  if (!ca_file.empty()) {
    context->load_verify_file(ca_file, ec);
    if (ec) {
      return core::make_error("http: cannot load ca_file '" + ca_file + "': " + ec.message(),
                              core::ErrorKind::permanent);
    }
  }
  context->set_verify_mode(ssl::verify_peer | ssl::verify_fail_if_no_peer_cert);
  return context;
}

core::Status check_ca_file(const std::string& ca_file) {
  auto context = make_tls_context(ca_file);
  if (!context) return context.error();
  return {};
}

HostVerifier::HostVerifier(std::string host) : host_(std::move(host)) {}

bool HostVerifier::operator()(bool preverified, boost::asio::ssl::verify_context& context) const {
  if (!preverified) return false;
  if (boost::asio::ssl::host_name_verification(host_)(preverified, context)) return true;
  X509_STORE_CTX_set_error(context.native_handle(), X509_V_ERR_HOSTNAME_MISMATCH);
  return false;
}

}  // namespace msync::http
