#include "http/origin.hpp"

#include <boost/url/parse.hpp>
#include <boost/url/url_view.hpp>

#include "http/url_authority.hpp"

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
  const std::string_view default_port = origin.tls ? "443" : "80";
  auto authority = read_authority(url, default_port);
  if (!authority) return bad_url(base_url, authority.error().message);
  if (!url.encoded_path().empty() && url.encoded_path() != "/") {
    return bad_url(base_url, "must not have a path");
  }
  if (url.has_query()) return bad_url(base_url, "must not have a query");
  if (url.has_fragment()) return bad_url(base_url, "must not have a fragment");
  origin.host = std::move(authority->host);
  origin.host_is_address = authority->host_is_address;
  origin.port = std::move(authority->port);
  const std::string& bracketed = authority->bracketed;
  origin.host_header = origin.port == default_port ? bracketed : bracketed + ":" + origin.port;
  origin.authority = bracketed + ":" + origin.port;
  origin.name = std::string(origin.tls ? "https://" : "http://") + origin.authority;
  return origin;
}

}  // namespace msync::http
