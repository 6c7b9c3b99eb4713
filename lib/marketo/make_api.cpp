#include "marketo/make_api.hpp"

#include <fmt/format.h>

#include "marketo/rest_api.hpp"
#include "marketo/url.hpp"

namespace msync::marketo {
namespace {

core::Error config_error(std::string what) {
  return core::make_error("marketo: " + what, core::ErrorKind::permanent);
}

}  // namespace

core::Result<std::unique_ptr<Marketo>> make_api(Settings settings, Dependencies dependencies) {
  const auto rest = split_url(settings.base_url);
  if (!rest) return config_error("base_url: " + rest.error().message);
  const std::string identity_url = settings.identity_url.empty()
                                       ? rest->origin + rest->path_prefix + "/identity"
                                       : settings.identity_url;
  const auto identity = split_url(identity_url);
  if (!identity) return config_error("identity_url: " + identity.error().message);
  if (settings.client_id.empty()) return config_error("client_id is empty");
  if (settings.client_secret.empty()) return config_error("client_secret is empty");
  if (settings.calls_per_20s == 0) return config_error("calls_per_20s must be at least 1");
  if (settings.max_concurrent_calls == 0) return config_error("max_concurrent_calls must be at least 1");
  if (settings.call_window <= std::chrono::milliseconds::zero()) {
    return config_error("the call window must be positive");
  }
  if (!dependencies.make_client) return config_error("no HTTP client factory given");
  if (!dependencies.timing) dependencies.timing = make_steady_timing();

  Origins origins{rest->origin, rest->path_prefix, identity->origin, identity->path_prefix};
  return std::unique_ptr<Marketo>(std::make_unique<RestApi>(settings, std::move(origins),
                                                            std::move(dependencies.make_client),
                                                            std::move(dependencies.timing),
                                                            std::move(dependencies.observer)));
}

}  // namespace msync::marketo
