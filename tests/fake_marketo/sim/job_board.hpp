#pragma once
// The subscription's export queue: jobs of every API user (and other tenants), the processing
// slots, the daily quota, and the simulated clock that moves jobs along.
//
// Job clock: a Queued job may start once it has waited its queue time and a processing slot is
// free, first come first served by queuedAt; it completes its processing time after it started,
// when its file is rendered and the quota consumed. Foreign jobs are queued at the first instant
// the simulation sees, with no wait, so they take the slots first; they render nothing and use no
// quota. Status as shown lags: see visible_status().
#include <chrono>
#include <deque>
#include <optional>
#include <string>
#include <vector>

#include "fake_marketo/sim/export_job.hpp"
#include "fake_marketo/sim/data_set.hpp"

namespace fake {

class JobBoard {
 public:
  JobBoard(const Options& options, const DataSet& data, std::string files_dir);
  ~JobBoard();  // deletes the files it rendered
  JobBoard(const JobBoard&) = delete;
  JobBoard& operator=(const JobBoard&) = delete;

  // Runs every job event up to t (t never goes back).
  void advance_to(SimTime t);
  void add_foreign_jobs(unsigned count, SimTime now);

  ExportJob& create(const std::string& owner, ExportSpec spec, SimTime now);
  // nullptr unless the job exists and belongs to owner.
  ExportJob* find(const std::string& id, const std::string& owner);
  std::optional<MarketoError> enqueue(ExportJob& job, SimTime now);
  std::optional<MarketoError> cancel(ExportJob& job, SimTime now);
  // owner's jobs created at or after `since`, oldest first.
  std::vector<const ExportJob*> jobs_of(const std::string& owner, SimTime since) const;

  // The state status.json reports at `now`: the clock-driven moves (Processing, Completed,
  // Failed) show only at the job's next refresh tick (every status_refresh_seconds from its
  // creation); the caller's own moves (Queued by enqueue, Cancelled) show at once.
  JobStatus visible_status(const ExportJob& job, SimTime now) const;

  // Bytes of export files finished since the last US Central midnight before `now`.
  std::uint64_t quota_used(SimTime now) const;
  // Today's quota (the US Central day containing `now`) counts as used up.
  void exhaust_quota(SimTime now);
  bool quota_exceeded(SimTime now) const;

  // Jobs of every API user, tenant and entity Processing / Queued (processing included) now.
  unsigned processing() const { return count(JobStatus::processing); }
  unsigned queued() const { return count(JobStatus::processing) + count(JobStatus::queued); }

  // Whether job's file is still kept (7 days after finishedAt).
  bool file_kept(const ExportJob& job, SimTime now) const;

  // Faults: the job will end Failed when its processing ends; its file is deleted now (expired).
  void doom(const std::string& id);
  void expire_file(const std::string& id);

 private:
  void start(ExportJob& job, SimTime t);
  void complete(ExportJob& job, SimTime t);
  void expire_files(SimTime t);
  unsigned count(JobStatus s) const;

  const Options& options_;
  const DataSet& data_;
  std::string files_dir_;
  std::deque<ExportJob> jobs_;  // stable addresses
  std::uint64_t next_seq_ = 0;
  std::uint64_t id_key_;
  SimTime clock_{};
  std::optional<SimTime> exhausted_day_;
};

}  // namespace fake
