#pragma once
// The Marketo client as the daemon's commands use it (the export engine takes it as Api&, the
// import engine as ImportApi&): built from the configuration on an executor, with every call
// counted in the state store's ledger, then passed to `also` (metrics, readiness) when set.
#include <memory>

#include <boost/asio/any_io_executor.hpp>

#include "config/config.hpp"
#include "marketo/marketo.hpp"
#include "state/state.hpp"

namespace msync::daemon {

// What only the HTTP client would otherwise find, at its first call: the proxy for each Marketo
// origin (daemon/proxy_settings.hpp) and the ca_file's certificates. The error names the key or
// variable at fault.
core::Status check_marketo_settings(const config::MarketoSettings& marketo, const config::Environment& environment);

// Runs check_marketo_settings first.
core::Result<std::unique_ptr<marketo::Marketo>> connect_marketo(boost::asio::any_io_executor executor,
                                                                const config::Config& config,
                                                                state::Store& store,
                                                                const core::Clock& clock,
                                                                marketo::CallObserver also = {});

}  // namespace msync::daemon
