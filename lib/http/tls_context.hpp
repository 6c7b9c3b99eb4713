#pragma once
// The client's TLS settings: TLS 1.2 or newer, the system trust store plus an optional CA file, and
// peer verification that cannot be switched off.
#include <memory>
#include <string>

#include <boost/asio/ssl/context.hpp>
#include <boost/asio/ssl/verify_context.hpp>

#include "core/core.hpp"

namespace msync::http {

core::Result<std::shared_ptr<boost::asio::ssl::context>> make_tls_context(const std::string& ca_file);

// A verify callback for one connection: the chain must be trusted and the leaf must match the
// host. A mismatch is recorded as X509_V_ERR_HOSTNAME_MISMATCH so that the error can say so.
class HostVerifier {
 public:
  explicit HostVerifier(std::string host);
  bool operator()(bool preverified, boost::asio::ssl::verify_context& context) const;

 private:
  std::string host_;
};

}  // namespace msync::http
