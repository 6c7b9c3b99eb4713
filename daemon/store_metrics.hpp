#pragma once
// Metrics read from the state database at each scrape, so they survive restarts and agree with
// `status`:
//   marketo_sync_jobs{state}                         export jobs by state
//   marketo_sync_windows{sync, state}                windows pending / in_flight / staged / failed
//   marketo_sync_watermark_lag_seconds{sync}         now - watermark
//   marketo_sync_sync_error{sync}                    1 while a sync is stopped by an error
//   marketo_sync_export_quota_bytes_used             bytes exported today (US Central day)
//   marketo_sync_api_calls_today                     calls counted today, against the 50,000 limit
//   marketo_sync_imports_in_flight                   import batches intent..importing
#include "core/core.hpp"
#include "health/health.hpp"
#include "state/state.hpp"

namespace msync::daemon {

// The store and the clock must outlive the registry's renders.
void install_store_metrics(health::MetricsRegistry& registry, state::Store& store, const core::Clock& clock);

}  // namespace msync::daemon
