#include "http/proxy.hpp"

#include <algorithm>
#include <cctype>

#include <boost/asio/ip/address.hpp>
#include <boost/url/parse.hpp>
#include <boost/url/url_view.hpp>
#include <openssl/evp.h>

#include "http/url_authority.hpp"

namespace msync::http {
namespace {

core::Error bad_proxy(std::string_view url, std::string_view why) {
  return core::make_error("http: proxy '" + redact_proxy_url(url) + "' " + std::string(why),
                          core::ErrorKind::permanent);
}

std::string base64(std::string_view bytes) {
  std::string out(4 * ((bytes.size() + 2) / 3), '\0');
  const int written = EVP_EncodeBlock(reinterpret_cast<unsigned char*>(out.data()),
                                      reinterpret_cast<const unsigned char*>(bytes.data()),
                                      static_cast<int>(bytes.size()));
  out.resize(static_cast<std::size_t>(written));
  return out;
}

std::string lower(std::string_view text) {
  std::string out(text);
  std::ranges::transform(out, out.begin(), [](unsigned char c) { return char(std::tolower(c)); });
  return out;
}

std::string_view trim(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.remove_suffix(1);
  return text;
}

// An entry's host: "[v6]:port" and "[v6]" lose brackets and port, "name:port" its port; a bare
// IPv6 address (more than one colon) stays whole.
std::string_view entry_host(std::string_view entry) {
  if (entry.starts_with('[')) {
    const auto close = entry.find(']');
    return close == entry.npos ? entry.substr(1) : entry.substr(1, close - 1);
  }
  const auto colon = entry.find(':');
  if (colon != entry.npos && entry.find(':', colon + 1) == entry.npos) return entry.substr(0, colon);
  return entry;
}

bool same_address(std::string_view a, std::string_view b) {
  boost::system::error_code ec_a, ec_b;
  const auto x = boost::asio::ip::make_address(std::string(a), ec_a);
  const auto y = boost::asio::ip::make_address(std::string(b), ec_b);
  return !ec_a && !ec_b && x == y;
}

}  // namespace

std::string redact_proxy_url(std::string_view url) {
  const auto scheme_end = url.find("://");
  const std::size_t start = scheme_end == url.npos ? 0 : scheme_end + 3;
  // The last '@' anywhere, not only before the first '/': a password holding an unencoded '/', '?'
  // or '#' would otherwise end the authority early and be shown. A proxy URL has no path, so
  // hiding too much costs nothing.
  const auto at = url.rfind('@');
  if (at == url.npos || at < start) return std::string(url);
  return std::string(url.substr(0, start)) + "***" + std::string(url.substr(at));
}

core::Result<Proxy> parse_proxy(std::string_view url) {
  // curl takes "host:port" as an http:// proxy; so do we.
  const std::string text = url.find("://") == url.npos ? "http://" + std::string(url) : std::string(url);
  auto parsed = boost::urls::parse_uri(text);
  if (!parsed) return bad_proxy(url, "is not a valid URL");
  const boost::urls::url_view view = *parsed;
  if (view.scheme_id() != boost::urls::scheme::http) {
    return bad_proxy(url, "must start with http:// (only plain HTTP proxies are supported)");
  }
  auto authority = read_authority(view, "1080");  // curl's default proxy port
  if (!authority) return bad_proxy(url, authority.error().message);
  if (!view.encoded_path().empty() && view.encoded_path() != "/") return bad_proxy(url, "must not have a path");
  if (view.has_query() || view.has_fragment()) return bad_proxy(url, "must not have a query or fragment");
  Proxy proxy;
  proxy.host = std::move(authority->host);
  proxy.host_is_address = authority->host_is_address;
  proxy.port = std::move(authority->port);
  if (view.has_userinfo()) {
    proxy.authorization = "Basic " + base64(view.user() + ":" + view.password());
  }
  proxy.name = "http://" + authority->bracketed + ":" + proxy.port;
  return proxy;
}

bool bypasses_proxy(std::string_view no_proxy, const Origin& origin) {
  std::string host = lower(origin.host);
  while (host.ends_with('.')) host.pop_back();
  while (!no_proxy.empty()) {
    const auto comma = no_proxy.find(',');
    const std::string_view raw = trim(no_proxy.substr(0, comma));
    no_proxy = comma == no_proxy.npos ? std::string_view{} : no_proxy.substr(comma + 1);
    if (raw.empty()) continue;
    if (raw == "*") return true;
    std::string entry = lower(entry_host(raw));
    if (origin.host_is_address) {
      if (same_address(entry, host)) return true;
      continue;
    }
    while (entry.starts_with('.')) entry.erase(0, 1);
    while (entry.ends_with('.')) entry.pop_back();
    if (entry.empty()) continue;
    if (host == entry || (host.size() > entry.size() && host.ends_with(entry) &&
                          host[host.size() - entry.size() - 1] == '.')) {
      return true;
    }
  }
  return false;
}

core::Result<std::optional<Proxy>> choose_proxy(const ProxySettings& settings, const Origin& origin) {
  const std::string& url = origin.tls ? settings.https_proxy : settings.http_proxy;
  if (url.empty() || bypasses_proxy(settings.no_proxy, origin)) return std::optional<Proxy>{};
  auto proxy = parse_proxy(url);
  if (!proxy) return proxy.error();
  return std::optional<Proxy>(std::move(*proxy));
}

core::Status check_proxy_for(const ProxySettings& settings, std::string_view url) {
  auto parsed = boost::urls::parse_uri(url);
  if (!parsed) return {};
  auto origin = parse_origin(std::string(parsed->scheme()) + "://" + std::string(parsed->encoded_authority()));
  if (!origin) return {};
  auto proxy = choose_proxy(settings, *origin);
  if (!proxy) return proxy.error();
  return {};
}

}  // namespace msync::http
