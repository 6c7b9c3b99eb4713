#pragma once
// The export engine: plans windows for every sync on its schedule, keeps Marketo's export queue
// as full as the budget allows (round-robin across syncs, incremental before backfill), runs one
// JobRunner per live job, and re-attaches to the jobs a previous run left live. One io_context,
// one thread; the store is the truth, memory only knows which runners are running.
#include <chrono>
#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <random>
#include <set>
#include <string>
#include <vector>

#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/awaitable.hpp>
#include <boost/asio/cancellation_signal.hpp>
#include <boost/asio/steady_timer.hpp>

#include "exports/job_runner.hpp"
#include "exports/queue_budget.hpp"

namespace msync::exports {

struct RunSummary {
  std::optional<std::string> fatal;            // credentials / permissions: the run stopped
  std::vector<std::string> sync_errors;        // "sync: message" for each sync stopped by an error
  std::optional<core::Timestamp> paused_until;  // the daily quota is spent until then
  std::optional<std::string> staging_error;     // with once: staging_dir kept refusing writes
};

class ExportEngine final : private JobEvents {
 public:
  ExportEngine(boost::asio::any_io_executor executor, state::Store& store, marketo::Api& api,
               std::vector<ExportSync> syncs, EngineSettings settings, const core::Clock& clock);
  ~ExportEngine() override;

  // Runs until stop(), or with once until everything due at the start is staged (or cannot go on
  // today: paused for the quota, or stopped by errors). Every runner has ended when it returns.
  boost::asio::awaitable<RunSummary> run(bool once);

  // No new work; in-flight steps are cancelled and every job stays resumable.
  void stop();

  // Why the latest write into staging_dir failed, while any job still cannot write its file (on a
  // nearly full disk some writes fail while others succeed: one success clears nothing).
  std::optional<std::string> staging_problem() const;

 private:
  struct Active {
    std::unique_ptr<JobRunner> runner;
    boost::asio::cancellation_signal cancel;
    std::string sync;
    bool holds_slot = false;  // about to create / enqueue: counts against the queue budget
    bool creating = false;    // create.json not yet answered
  };

  core::Status prepare_syncs();
  boost::asio::awaitable<void> reconcile();
  void plan_due(core::Timestamp now);
  void fill_queue(core::Timestamp now);
  void spawn(state::LiveJob live, bool holds_slot);
  unsigned ours_in_queue(const std::vector<state::LiveJob>& live) const;
  bool drained();
  RunSummary summary(core::Timestamp now, std::optional<std::string> staging_error);
  // With once: a job's staging failed once_staging_attempts times in a row (each attempt after
  // its back-off, so this is a disk that stays full, not one moment of it).
  bool staging_given_up() const;
  std::chrono::milliseconds until_next_event(core::Timestamp now) const;
  boost::asio::awaitable<void> sleep(std::chrono::milliseconds longest);
  void wake();
  const ExportSync* find_sync(const std::string& name) const;
  std::vector<marketo::ExportEntity> entities() const;  // distinct, in the syncs' order

  bool creating(const std::string& sync) const;

  // JobEvents
  void job_created(state::JobId job) override;
  void queue_full() override;
  void job_left_queue() override;
  bool waits_behind_our_own(state::JobId job) override;
  void daily_quota_spent() override;
  void fatal(std::string message) override;
  void staging_failed(state::JobId job, const std::string& message) override;
  void staging_succeeded(state::JobId job) override;
  std::chrono::milliseconds jittered(std::chrono::milliseconds interval) override;

  boost::asio::any_io_executor executor_;
  state::Store& store_;
  std::vector<ExportSync> syncs_;
  EngineSettings settings_;
  const core::Clock& clock_;
  staging::StagingArea staging_;
  EngineContext context_;
  QueueBudget budget_;
  boost::asio::steady_timer wake_timer_;
  bool woken_ = false;
  bool stopping_ = false;
  bool reconcile_due_ = true;               // ask export.json what holds Marketo's queue
  std::chrono::steady_clock::time_point reconciled_at_{};
  std::optional<std::string> fatal_;
  // Jobs whose latest staging write failed, with how many of their attempts failed in a row.
  std::map<std::int64_t, unsigned> cannot_write_;
  std::string staging_problem_;         // the latest such failure
  std::map<std::string, core::Timestamp> next_plan_;
  std::map<std::int64_t, std::unique_ptr<Active>> active_;
  std::set<std::int64_t> seen_;  // jobs this process has run: others are re-attached first
  std::string last_served_;
  std::mt19937 random_;
};

}  // namespace msync::exports
