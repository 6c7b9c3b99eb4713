#include "marketo_connection.hpp"

#include <charconv>

#include "export_syncs.hpp"

namespace msync::daemon {

core::Result<std::unique_ptr<marketo::Api>> connect_marketo(boost::asio::any_io_executor executor,
                                                            const config::Config& config,
                                                            state::Store& store, const core::Clock& clock) {
  const auto settings = marketo_settings(config);
  marketo::Dependencies dependencies;
  dependencies.make_client = marketo::http_client_factory(executor, settings);
  // The ledger keys a call by Marketo's error code, or by its HTTP status when it has none (0: ok).
  dependencies.observer = [&store, &clock](std::string_view endpoint, unsigned status, std::string_view code) {
    int recorded = (status == 200 || status == 206) ? 0 : static_cast<int>(status);
    if (!code.empty()) std::from_chars(code.data(), code.data() + code.size(), recorded);
    (void)store.add_call(clock.now(), endpoint, recorded);
  };
  return marketo::make_api(settings, std::move(dependencies));
}

}  // namespace msync::daemon
