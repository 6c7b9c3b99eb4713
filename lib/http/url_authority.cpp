#include "http/url_authority.hpp"

#include <charconv>

namespace msync::http {

core::Result<Authority> read_authority(const boost::urls::url_view& url, std::string_view default_port) {
  Authority authority;
  switch (url.host_type()) {
    case boost::urls::host_type::name:
      authority.host = url.host();
      authority.bracketed = authority.host;
      break;
    case boost::urls::host_type::ipv4:
      authority.host = url.host_ipv4_address().to_string();
      authority.host_is_address = true;
      authority.bracketed = authority.host;
      break;
    case boost::urls::host_type::ipv6:
      authority.host = url.host_ipv6_address().to_string();
      authority.host_is_address = true;
      authority.bracketed = "[" + authority.host + "]";
      break;
    default:
      return core::make_error("has an unsupported host", core::ErrorKind::permanent);
  }
  if (authority.host.empty()) return core::make_error("has no host", core::ErrorKind::permanent);

  // Boost.URL reads "host:12ab" as port 12 then the path "ab" (and "host:abc" as an empty port
  // then "abc"): text glued to the port is a bad port, not a path.
  if (url.has_port() && !url.encoded_path().empty() && url.encoded_path().front() != '/')
    return core::make_error("has an invalid port", core::ErrorKind::permanent);
  authority.port = default_port;
  if (url.has_port()) {
    const std::string_view text = url.port();
    unsigned value = 0;
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (text.empty() || ec != std::errc{} || end != text.data() + text.size() || value == 0 || value > 65535) {
      return core::make_error("has an invalid port", core::ErrorKind::permanent);
    }
    authority.port = std::to_string(value);
  }
  return authority;
}

}  // namespace msync::http
