#include "proxy_settings.hpp"

namespace msync::daemon {
namespace {

// An empty variable counts as unset, as in curl.
std::string variable(const config::Environment& environment, const std::string& lower, const std::string& upper) {
  for (const auto* name : {&lower, &upper}) {
    if (auto value = environment.get(*name); value && !value->empty()) return *value;
  }
  return "";
}

}  // namespace

http::ProxySettings proxy_settings(const config::MarketoSettings& marketo, const config::Environment& environment) {
  http::ProxySettings proxy;
  if (marketo.proxy && marketo.proxy->empty()) return proxy;  // `proxy: none`
  proxy.no_proxy = variable(environment, "no_proxy", "NO_PROXY");
  if (marketo.proxy) {
    proxy.https_proxy = *marketo.proxy;
    proxy.http_proxy = *marketo.proxy;
  } else {
    proxy.https_proxy = variable(environment, "https_proxy", "HTTPS_PROXY");
    proxy.http_proxy = variable(environment, "http_proxy", "HTTP_PROXY");
  }
  return proxy;
}

}  // namespace msync::daemon
