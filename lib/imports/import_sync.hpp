#pragma once
// The import engine's inputs as plain values: the configured imports and the engine's knobs.
#include <chrono>
#include <cstdint>
#include <filesystem>
#include <string>

#include "csv/csv.hpp"
#include "imports/file_splitter.hpp"
#include "imports/inbound_watcher.hpp"

namespace msync::imports {

struct ImportSync {
  std::string name;  // names the folders beside inbound_dir (<name>.done, <name>.rejected, ...)
  std::int64_t program_id = 0;
  std::string program_member_status;
  std::filesystem::path inbound_dir;
  csv::Format format = csv::Format::csv;
};

struct ImportSettings {
  std::chrono::milliseconds poll_interval{10'000};  // batch status polls, jittered by +-10 %
  // Our batches queued or importing at once: Marketo holds 10 per subscription (2 importing);
  // the 11th upload answers 1016.
  unsigned max_queued = 10;
  // Batches Marketo imports at once (2): a queued batch with this many of ours ahead of it cannot
  // have started, and is asked about only when that changes or after blocked_poll_interval.
  unsigned max_importing = 2;
  std::chrono::milliseconds blocked_poll_interval{120'000};
  std::uint64_t max_part_bytes = kMaxImportBytes;  // parts are strictly smaller
  WatcherSettings watcher;
  std::chrono::milliseconds max_retry_delay{300'000};  // transient failures back off up to this
  std::chrono::milliseconds fields_ttl{3'600'000};     // describe answers are asked again after this
  unsigned max_fetch_attempts = 5;                     // failures / warnings downloads
  // How long a stop waits for in-flight steps before abandoning them (they stay resumable).
  std::chrono::milliseconds stop_grace{8'000};
};

}  // namespace msync::imports
