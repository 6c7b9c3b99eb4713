#pragma once
// One bulk lead export job and the status it shows at a given time.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "fake_marketo/sim/export_spec.hpp"
#include "fake_marketo/sim/simulator.hpp"

namespace fake {

enum class JobStatus { created, queued, processing, completed, failed, cancelled };

std::string_view status_name(JobStatus s);  // Created, Queued, ..., Cancelled
// Accepts any case, and both spellings of the cancelled state (Cancelled, Canceled).
std::optional<JobStatus> parse_status(std::string_view name);

struct ExportJob {
  std::string id;
  std::string owner;     // client_id; empty for another tenant's (foreign) job
  std::uint64_t seq = 0;  // creation order, breaks FIFO ties
  ExportSpec spec;
  JobStatus status = JobStatus::created;  // the true state; status.json may lag behind it
  SimTime created_at{};
  std::optional<SimTime> queued_at, started_at, finished_at, cancelled_at;
  std::chrono::milliseconds wait{};      // least time Queued before it may start
  std::chrono::milliseconds duration{};  // time spent Processing
  std::uint64_t records = 0;
  std::uint64_t file_size = 0;
  std::string checksum;  // hex sha256
  std::string path;      // the rendered file; empty once deleted
  std::string error;     // Failed only
  bool doomed = false;   // a fault: ends Failed instead of Completed

  bool foreign() const { return owner.empty(); }
  bool active() const { return status == JobStatus::queued || status == JobStatus::processing; }
};

}  // namespace fake
