#pragma once
// An in-memory Marketo Bulk Extract API for engine tests. Jobs live as Marketo's do: Created on
// create, Queued on enqueue, then Processing and Completed after a scripted number of status polls
// (or on demand). Files are served honouring the offset. Any call can be scripted to answer given
// Failures, and every call is recorded so tests can assert call patterns.
#include <cstddef>
#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "marketo/marketo.hpp"

namespace msync::exports::test {

enum class Call { create, enqueue, status, cancel, list, download };

struct CallRecord {
  Call call = Call::create;
  std::string export_id;      // "" for create and list
  std::uint64_t offset = 0;   // download only
  marketo::ExportSpec spec;   // create only
  marketo::ExportEntity entity;  // the path the call used (create: the spec's)
};

struct FakeJob {
  std::string export_id;
  marketo::ExportSpec spec;
  std::size_t ordinal = 0;  // 1 for the first job created
  marketo::ExportStatus status = marketo::ExportStatus::created;
  unsigned polls_left = 0;  // status polls until Completed, once enqueued
  std::string body;
};

// A scripted answer: the next `times` calls of `call` that `match` (all when unset) fail.
struct FailureRule {
  Call call = Call::create;
  marketo::Failure failure;
  int times = 1;  // < 0: always
  std::function<bool(const CallRecord&)> match;
};

class FakeApi final : public marketo::Api {
 public:
  // --- the script ----------------------------------------------------------------------------
  unsigned polls_to_complete = 2;                // default for every job
  std::map<std::size_t, unsigned> polls_by_ordinal;  // per job, by creation order
  bool hold = false;                // no job leaves Queued by polling (complete() still works)
  unsigned fail_jobs = 0;           // the next N jobs reaching completion end Failed instead
  unsigned queue_capacity = 1000;   // the subscription's queue: 1029 "Too many jobs" beyond it
  std::uint64_t cut_after = 0;      // with cuts > 0: a download stops after this many bytes
  unsigned cuts = 0;
  unsigned corrupt_downloads = 0;   // the next N downloads serve a changed byte (same length)
  bool lie_about_checksum = false;  // status reports a checksum no download can match
  // The file of a job; by default a header and two rows naming the job's filter start.
  std::function<std::string(const FakeJob&)> body_for;

  void fail(FailureRule rule) { rules_.push_back(std::move(rule)); }
  // Puts a job Marketo already holds (created by an earlier run).
  void adopt(std::string export_id, marketo::ExportSpec spec, marketo::ExportStatus status);
  void complete(const std::string& export_id);

  // --- what happened -------------------------------------------------------------------------
  const std::vector<CallRecord>& calls() const { return calls_; }
  std::vector<CallRecord> calls_of(Call call) const;
  std::size_t count(Call call) const { return calls_of(call).size(); }
  const std::map<std::string, FakeJob>& jobs() const { return jobs_; }
  const FakeJob& job(const std::string& export_id) const { return jobs_.at(export_id); }
  unsigned in_queue() const;  // jobs Queued or Processing now
  unsigned max_in_queue() const { return max_in_queue_; }
  unsigned slot_refusals() const { return slot_refusals_; }
  static std::string checksum(const std::string& body);  // "sha256:<hex>"

  // --- marketo::Api --------------------------------------------------------------------------
  boost::asio::awaitable<marketo::Outcome<marketo::ExportJob>> create_export(
      marketo::ExportSpec spec) override;
  boost::asio::awaitable<marketo::Outcome<marketo::ExportJob>> enqueue_export(
      marketo::ExportEntity entity, std::string export_id) override;
  boost::asio::awaitable<marketo::Outcome<marketo::ExportJob>> export_status(
      marketo::ExportEntity entity, std::string export_id) override;
  boost::asio::awaitable<marketo::Outcome<marketo::ExportJob>> cancel_export(
      marketo::ExportEntity entity, std::string export_id) override;
  boost::asio::awaitable<marketo::Outcome<std::vector<marketo::ExportJob>>> list_exports(
      marketo::ExportEntity entity, std::vector<marketo::ExportStatus> statuses) override;
  boost::asio::awaitable<marketo::Outcome<marketo::Download>> download_export(
      marketo::ExportEntity entity, std::string export_id, std::uint64_t offset,
      http::BodySink& sink) override;

 private:
  std::optional<marketo::Failure> scripted(const CallRecord& record);
  marketo::ExportJob describe(const FakeJob& job) const;
  // As Marketo: a job is found only under its own entity's path.
  std::optional<marketo::Failure> unknown(const marketo::ExportEntity& entity,
                                          const std::string& export_id) const;

  std::vector<CallRecord> calls_;
  std::vector<FailureRule> rules_;
  std::map<std::string, FakeJob> jobs_;
  std::size_t created_ = 0;
  unsigned max_in_queue_ = 0;
  unsigned slot_refusals_ = 0;
};

// Failures as the real Api reports them.
marketo::Failure too_many_jobs();       // 1029, wait_for_slot
marketo::Failure daily_quota();         // 1029, wait_for_quota_reset
marketo::Failure filter_disabled();     // 1035, fail_job
marketo::Failure access_denied();       // 603, fail_config
marketo::Failure file_not_available();  // 404

}  // namespace msync::exports::test
