#pragma once
// The Marketo API as the daemon's commands use it: built from the configuration on an executor,
// with every call counted in the state store's ledger.
#include <memory>

#include <boost/asio/any_io_executor.hpp>

#include "config/config.hpp"
#include "marketo/marketo.hpp"
#include "state/state.hpp"

namespace msync::daemon {

core::Result<std::unique_ptr<marketo::Api>> connect_marketo(boost::asio::any_io_executor executor,
                                                            const config::Config& config,
                                                            state::Store& store, const core::Clock& clock);

}  // namespace msync::daemon
