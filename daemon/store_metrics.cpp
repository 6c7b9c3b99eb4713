#include "store_metrics.hpp"

#include <array>

namespace msync::daemon {
namespace {

using health::Sample;
using state::JobState;

// A scrape must not fail: a store error leaves the family empty and says so in the log.
template <class T>
bool readable(const core::Result<T>& result, const char* what) {
  if (result) return true;
  core::logger("daemon")->warn("metrics: cannot read {}: {}", what, result.error().message);
  return false;
}

std::vector<Sample> jobs_by_state(state::Store& store) {
  static constexpr std::array states = {JobState::intent,      JobState::created, JobState::queued,
                                        JobState::processing,  JobState::completed, JobState::downloading,
                                        JobState::staged,      JobState::failed,  JobState::cancelled,
                                        JobState::expired};
  auto counts = store.count_jobs_by_state();
  if (!readable(counts, "job counts")) return {};
  std::vector<Sample> samples;
  for (const auto state : states) {
    const auto found = counts->find(state);
    samples.push_back({{{"state", std::string(state::to_string(state))}},
                       static_cast<double>(found == counts->end() ? 0 : found->second)});
  }
  return samples;
}

std::vector<Sample> windows(state::Store& store, core::Timestamp now) {
  auto snapshot = store.status(now);
  if (!readable(snapshot, "window counts")) return {};
  std::vector<Sample> samples;
  for (const auto& s : snapshot->syncs) {
    const auto add = [&](const char* state, std::int64_t count) {
      samples.push_back({{{"sync", s.sync.name}, {"state", state}}, static_cast<double>(count)});
    };
    add("pending", s.windows_pending);
    add("in_flight", s.windows_in_flight);
    add("staged", s.windows_staged);
    add("failed", s.windows_failed);
  }
  return samples;
}

template <class Value>
std::vector<Sample> per_sync(state::Store& store, Value value) {
  auto syncs = store.list_syncs();
  if (!readable(syncs, "syncs")) return {};
  std::vector<Sample> samples;
  for (const auto& sync : *syncs) samples.push_back({{{"sync", sync.name}}, value(sync)});
  return samples;
}

template <class T>
std::vector<Sample> single(const core::Result<T>& value, const char* what) {
  if (!readable(value, what)) return {};
  return {Sample{{}, static_cast<double>(*value)}};
}

// One counter family per figure of a durable total, labelled by `label`.
template <class Totals, class Figure>
std::vector<Sample> totals(const core::Result<Totals>& rows, const char* what, const char* label, Figure figure) {
  if (!readable(rows, what)) return {};
  std::vector<Sample> samples;
  for (const auto& row : *rows) samples.push_back(figure(row, label));
  return samples;
}

}  // namespace

void install_store_metrics(health::MetricsRegistry& registry, state::Store& store, const core::Clock& clock) {
  registry.gauge_callback("jobs", "Export jobs in the state database by state.",
                          [&store] { return jobs_by_state(store); });
  const auto staged = [&store](auto figure) {
    return [&store, figure] {
      return totals(store.staged_totals(), "staged totals", "sync", [figure](const state::StagedTotals& t, const char* label) {
        return Sample{{{label, t.sync}}, static_cast<double>(figure(t))};
      });
    };
  };
  registry.counter_callback("staged_files", "Files staged by sync.",
                            staged([](const state::StagedTotals& t) { return t.files; }));
  registry.counter_callback("staged_records", "Records staged by sync.",
                            staged([](const state::StagedTotals& t) { return t.records; }));
  registry.counter_callback("staged_bytes", "Bytes staged by sync.",
                            staged([](const state::StagedTotals& t) { return t.bytes; }));
  const auto imported = [&store](auto figure) {
    return [&store, figure] {
      return totals(store.import_row_totals(), "import totals", "import",
                    [figure](const state::ImportRowTotals& t, const char* label) {
                      return Sample{{{label, t.import}}, static_cast<double>(figure(t))};
                    });
    };
  };
  registry.counter_callback("import_leads_processed", "Leads Marketo imported, by import.",
                            imported([](const state::ImportRowTotals& t) { return t.leads_processed; }));
  registry.counter_callback("import_rows_failed", "Import rows Marketo refused (see failures.csv), by import.",
                            imported([](const state::ImportRowTotals& t) { return t.rows_failed; }));
  registry.counter_callback("import_rows_warned", "Import rows imported with a warning (see warnings.csv), by import.",
                            imported([](const state::ImportRowTotals& t) { return t.rows_with_warning; }));
  registry.gauge_callback("windows", "Export windows by sync and state (pending: no job yet; failed: waiting for a new job).",
                          [&store, &clock] { return windows(store, clock.now()); });
  registry.gauge_callback(
      "watermark_lag_seconds",
      "Seconds from each sync's watermark to now (a snapshot sync: since its latest staged snapshot).",
      [&store, &clock] {
        const auto now = clock.now();
        return per_sync(store, [now](const state::Sync& sync) {
          return static_cast<double>(std::chrono::duration_cast<core::Seconds>(now - sync.watermark).count());
        });
      });
  registry.gauge_callback("sync_error", "1 while a sync is stopped by an error (see status), else 0.", [&store] {
    return per_sync(store, [](const state::Sync& sync) { return sync.error ? 1.0 : 0.0; });
  });
  registry.gauge_callback("export_quota_bytes_used",
                          "Bytes of export files finished today (US Central day), against the daily quota.",
                          [&store, &clock] { return single(store.export_bytes(clock.now()), "export bytes"); });
  registry.gauge_callback("api_calls_today", "Marketo API calls made today (US Central day), against 50,000 a day.",
                          [&store, &clock] { return single(store.call_total(clock.now()), "call total"); });
  registry.gauge_callback("imports_in_flight", "Program member import batches between intent and importing.", [&store] {
    auto batches = store.live_import_batches();
    if (!readable(batches, "import batches")) return std::vector<Sample>{};
    return std::vector<Sample>{Sample{{}, static_cast<double>(batches->size())}};
  });
}

}  // namespace msync::daemon
