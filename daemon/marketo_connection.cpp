#include "marketo_connection.hpp"

#include "call_outcome.hpp"
#include "export_syncs.hpp"
#include "http/http.hpp"
#include "proxy_settings.hpp"

namespace msync::daemon {

core::Status check_marketo_settings(const config::MarketoSettings& marketo, const config::Environment& environment) {
  if (auto proxy = check_proxy(marketo, environment); !proxy) return proxy;
  if (marketo.ca_file) {
    if (auto ca = http::check_ca_file(marketo.ca_file->string()); !ca)
      return core::make_error("marketo.ca_file: " + ca.error().message, core::ErrorKind::permanent);
  }
  return {};
}

core::Result<std::unique_ptr<marketo::Marketo>> connect_marketo(boost::asio::any_io_executor executor,
                                                                const config::Config& config,
                                                                state::Store& store,
                                                                const core::Clock& clock,
                                                                marketo::CallObserver also) {
  const config::ProcessEnvironment environment;
  if (auto checked = check_marketo_settings(config.marketo, environment); !checked) return checked.error();
  const auto settings = marketo_settings(config, environment);
  marketo::Dependencies dependencies;
  dependencies.make_client = marketo::http_client_factory(executor, settings);
  dependencies.observer = [&store, &clock, also = std::move(also)](std::string_view endpoint, unsigned status,
                                                                   std::string_view code) {
    (void)store.add_call(clock.now(), endpoint, CallOutcome{endpoint, status, code}.ledger_code());
    if (also) also(endpoint, status, code);
  };
  return marketo::make_api(settings, std::move(dependencies));
}

}  // namespace msync::daemon
