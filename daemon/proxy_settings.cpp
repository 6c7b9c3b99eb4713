#include "proxy_settings.hpp"

namespace msync::daemon {
namespace {

struct Variable {
  std::string name;
  std::string value;  // "" when neither spelling is set
};

// An empty variable counts as unset, as in curl.
Variable variable(const config::Environment& environment, const std::string& lower, const std::string& upper) {
  for (const auto* name : {&lower, &upper}) {
    if (auto value = environment.get(*name); value && !value->empty()) return {*name, *value};
  }
  return {upper, ""};
}

Variable proxy_variable(const config::Environment& environment, bool tls) {
  return tls ? variable(environment, "https_proxy", "HTTPS_PROXY") : variable(environment, "http_proxy", "HTTP_PROXY");
}

}  // namespace

http::ProxySettings proxy_settings(const config::MarketoSettings& marketo, const config::Environment& environment) {
  http::ProxySettings proxy;
  if (marketo.proxy && marketo.proxy->empty()) return proxy;  // `proxy: none`
  proxy.no_proxy = variable(environment, "no_proxy", "NO_PROXY").value;
  if (marketo.proxy) {
    proxy.https_proxy = *marketo.proxy;
    proxy.http_proxy = *marketo.proxy;
  } else {
    proxy.https_proxy = proxy_variable(environment, true).value;
    proxy.http_proxy = proxy_variable(environment, false).value;
  }
  return proxy;
}

core::Status check_proxy(const config::MarketoSettings& marketo, const config::Environment& environment) {
  const auto settings = proxy_settings(marketo, environment);
  for (const std::string* url : {&marketo.base_url, &marketo.identity_url}) {
    if (url->empty()) continue;
    if (auto checked = http::check_proxy_for(settings, *url); !checked) {
      const std::string source = marketo.proxy ? "marketo.proxy" : proxy_variable(environment, url->starts_with("https:")).name;
      return core::make_error(source + ": " + checked.error().message, core::ErrorKind::permanent);
    }
  }
  return {};
}

}  // namespace msync::daemon
