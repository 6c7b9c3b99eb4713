#pragma once
// Builds the real Marketo client (Api and ImportApi on one token cache and one call budget) from
// plain settings and injected seams (HTTP clients, time, call observer).
#include <memory>

#include <boost/asio/any_io_executor.hpp>

#include "core/core.hpp"
#include "marketo/api.hpp"
#include "marketo/import_api.hpp"
#include "marketo/call_recorder.hpp"
#include "marketo/client_pool.hpp"
#include "marketo/settings.hpp"
#include "marketo/timing.hpp"

namespace msync::marketo {

struct Dependencies {
  ClientFactory make_client;       // called per origin (REST, identity) and per concurrent call
  std::shared_ptr<Timing> timing;  // null: steady_clock and steady_timer
  CallObserver observer;           // may be empty
};

// Checks the settings (URLs, credentials present, limits >= 1); a bad one is a config error whose
// message never holds the secret.
core::Result<std::unique_ptr<Marketo>> make_api(Settings settings, Dependencies dependencies);

// The production ClientFactory: http::make_client on `executor` with the settings' timeouts, CA
// file and proxy.
ClientFactory http_client_factory(boost::asio::any_io_executor executor, const Settings& settings);

}  // namespace msync::marketo
