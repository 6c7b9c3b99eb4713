#include "http/origin.hpp"

#include <charconv>

#include <boost/url/parse.hpp>
#include <boost/url/url_view.hpp>

namespace msync::http {
namespace {

core::Error bad_url(std::string_view base_url, std::string_view why) {
  return core::make_error("http: base_url '" + std::string(base_url) + "' " + std::string(why),
                          core::ErrorKind::permanent);
}

}  // namespace

core::Result<Origin> parse_origin(std::string_view base_url) {
  auto parsed = boost::urls::parse_uri(base_url);
  if (!parsed) return bad_url(base_url, "is not a valid URL");
  const boost::urls::url_view url = *parsed;

  Origin origin;
  if (url.scheme_id() == boost::urls::scheme::https) {
    origin.tls = true;
  } else if (url.scheme_id() != boost::urls::scheme::http) {
    return bad_url(base_url, "must start with http:// or https://");
  }
  if (url.has_userinfo()) return bad_url(base_url, "must not carry user info");
  if (!url.encoded_path().empty() && url.encoded_path() != "/") {
    return bad_url(base_url, "must not have a path");
  }
  if (url.has_query()) return bad_url(base_url, "must not have a query");
  if (url.has_fragment()) return bad_url(base_url, "must not have a fragment");

  std::string bracketed;
  switch (url.host_type()) {
    case boost::urls::host_type::name:
      origin.host = url.host();
      bracketed = origin.host;
      break;
    case boost::urls::host_type::ipv4:
      origin.host = url.host_ipv4_address().to_string();
      origin.host_is_address = true;
      bracketed = origin.host;
      break;
    case boost::urls::host_type::ipv6:
      origin.host = url.host_ipv6_address().to_string();
      origin.host_is_address = true;
      bracketed = "[" + origin.host + "]";
      break;
    default:
      return bad_url(base_url, "has an unsupported host");
  }
  if (origin.host.empty()) return bad_url(base_url, "has no host");

  const std::string_view default_port = origin.tls ? "443" : "80";
  origin.port = default_port;
  if (url.has_port()) {
    const std::string_view text = url.port();
    unsigned value = 0;
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (text.empty() || ec != std::errc{} || end != text.data() + text.size() || value == 0 ||
        value > 65535) {
      return bad_url(base_url, "has an invalid port");
    }
    origin.port = std::to_string(value);
  }
  origin.host_header = origin.port == default_port ? bracketed : bracketed + ":" + origin.port;
  origin.name = std::string(origin.tls ? "https://" : "http://") + bracketed + ":" + origin.port;
  return origin;
}

}  // namespace msync::http
