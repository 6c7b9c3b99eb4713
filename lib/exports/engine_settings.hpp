#pragma once
// The export engine's knobs, as plain values.
#include <chrono>
#include <cstdint>
#include <filesystem>

namespace msync::exports {

struct EngineSettings {
  std::filesystem::path staging_dir;
  std::chrono::milliseconds poll_interval{60'000};  // status polls, each jittered by +-10 %
  // Export jobs Marketo processes at once for the subscription: with this many of ours ahead of
  // it, a queued job of ours cannot have started (exports/queue_order.hpp).
  unsigned max_processing = 2;
  // A queued job that cannot have started yet (max_processing of ours ahead of it)
  // is asked only when that changes, or at the latest after this long, in case Marketo does not
  // keep to the order we expect.
  std::chrono::milliseconds blocked_poll_interval{300'000};
  unsigned max_queued = 10;                         // our share of Marketo's export queue
  std::uint64_t daily_export_bytes = 500'000'000;   // pause enqueueing once we used this today
  // A window whose jobs failed this often stops its sync with an error (reported, never looped).
  // Each attempt fails or not on Marketo's side independently (a job Failed, a file gone): 8 keeps
  // a year's backfill going even when a quarter of all jobs fail (tests/reliability/faults), and
  // still bounds what a window that can never succeed costs.
  unsigned max_window_attempts = 8;
  // A download that keeps failing verification this often fails its job.
  unsigned max_download_attempts = 3;
  // Transient failures are retried after poll_interval, doubling up to this.
  std::chrono::milliseconds max_retry_delay{300'000};
  // With --once, this many failed staging attempts of one job in a row (a full disk, a read-only
  // directory; each attempt after its back-off) end the run with the staging error instead of waiting for room that only
  // an operator can make. Every job stays resumable from what the state recorded.
  unsigned once_staging_attempts = 5;
  // How long a stop waits for in-flight steps to end before abandoning them (they stay resumable).
  std::chrono::milliseconds stop_grace{8'000};
};

}  // namespace msync::exports
