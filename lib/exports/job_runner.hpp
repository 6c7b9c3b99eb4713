#pragma once
// One export job's life as a coroutine that reads top to bottom: create, enqueue, poll, download
// (resuming from the .part on disk), verify, publish, and mark staged. The store is the truth: each
// step starts from the job's recorded state and records its result before the next step, so a
// runner can stop at any await (shutdown, crash) and a new one carries on where it left off.
#include <chrono>
#include <cstdint>
#include <string>

#include <boost/asio/awaitable.hpp>

#include "core/core.hpp"
#include "exports/completed_range.hpp"
#include "exports/engine_settings.hpp"
#include "exports/export_sync.hpp"
#include "marketo/marketo.hpp"
#include "staging/staging.hpp"
#include "state/state.hpp"

namespace msync::exports {

// What runners tell the engine, and ask of it.
class JobEvents {
 public:
  virtual ~JobEvents() = default;
  virtual void job_created(state::JobId job) = 0;  // create.json succeeded: the sync's next may go
  virtual void queue_full() = 0;         // Marketo answered 1029 "Too many jobs"
  virtual void job_left_queue() = 0;     // one of ours completed, failed or was cancelled
  // The queued job cannot be processing yet: two of ours are ahead of it in Marketo's queue.
  virtual bool waits_behind_our_own(state::JobId job) = 0;
  virtual void daily_quota_spent() = 0;  // 1029 "Export daily quota exceeded" or 607
  virtual void fatal(std::string message) = 0;  // credentials or permissions: nothing can succeed
  // Writing into staging_dir failed for this job (disk full, read-only, ...): the message names
  // the path and the system's reason. The job retries; publishing its file clears it.
  virtual void staging_failed(state::JobId job, const std::string& message) = 0;
  virtual void staging_succeeded(state::JobId job) = 0;
  virtual std::chrono::milliseconds jittered(std::chrono::milliseconds interval) = 0;
};

struct EngineContext {
  state::Store& store;
  marketo::Api& api;
  const staging::StagingArea& staging;
  const core::Clock& clock;
  const EngineSettings& settings;
  JobEvents& events;
};

class JobRunner {
 public:
  // reattached: the job was found live at start-up (or left parked), so what Marketo holds is
  // asked before anything is sent.
  JobRunner(EngineContext& context, const ExportSync& sync, state::LiveJob live, bool reattached);

  // Ends when the job is staged or final, or parked (waiting for a slot or the quota: the engine
  // starts a new runner later), or cancelled; never throws for expected failures.
  boost::asio::awaitable<void> run();

 private:
  // next: go on with the job's new state; retry: wait (backing off) and try the step again;
  // park: end this runner, the job waits for the engine (slot, quota, shutdown); done: final.
  enum class Step { next, retry, park, done };

  boost::asio::awaitable<Step> create();
  boost::asio::awaitable<Step> enqueue();
  boost::asio::awaitable<Step> poll(bool at_once);
  // Waits until the job is worth asking about again; false if cancelled.
  boost::asio::awaitable<bool> wait_to_poll();
  boost::asio::awaitable<Step> download();
  Step stage(staging::PartFile& part, const state::Job& job, const std::string& file_name);
  // After publication: the range marker, then the staged state with the watermark.
  Step commit(const staging::Manifest& manifest, const std::filesystem::path& published);
  // Writes the `_SUCCESS` range marker when staging this window completes a contiguous range.
  core::Status publish_range_marker(const std::string& staged_path, std::uint64_t records);
  // A download that disagrees with the job's status: start it over, or fail the job once
  // max_download_attempts downloads have disagreed.
  Step refuse_download(staging::PartFile& part, const std::string& problem);

  // Applies a status answer to the stored job.
  Step apply_status(const marketo::ExportJob& answer, state::JobState stored);
  boost::asio::awaitable<Step> handle(const marketo::Failure& failure, std::string_view step);
  Step fail_job(const std::string& message, bool stop_sync);
  bool window_exhausted();
  boost::asio::awaitable<bool> pause(std::chrono::milliseconds duration);
  boost::asio::awaitable<Step> retry_later(std::string_view step, const std::string& why);
  // Waits the current retry delay (jittered) and doubles it up to the maximum; false if cancelled.
  boost::asio::awaitable<bool> back_off();

  std::string file_name(const state::Job& job) const;
  marketo::ExportSpec request() const;  // create.json's body for this job's window
  std::string describe() const;  // "sync leads_created window 2024-01-01T00:00:00Z..": for logs
  void log_state(state::JobState state, const std::string& detail = {}) const;
  bool record(const core::Status& status, std::string_view what);

  EngineContext& context_;
  const ExportSync& sync_;
  state::Window window_;
  state::JobId job_id_;
  std::string export_id_;
  bool reattached_;
  std::chrono::milliseconds retry_delay_;
  unsigned verify_failures_ = 0;
};

}  // namespace msync::exports
