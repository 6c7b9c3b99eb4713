#include "fake_marketo/sim/export_job.hpp"

#include <cctype>

namespace fake {

std::string_view status_name(JobStatus s) {
  switch (s) {
    case JobStatus::created: return "Created";
    case JobStatus::queued: return "Queued";
    case JobStatus::processing: return "Processing";
    case JobStatus::completed: return "Completed";
    case JobStatus::failed: return "Failed";
    case JobStatus::cancelled: return "Cancelled";
  }
  return "Failed";
}

std::optional<JobStatus> parse_status(std::string_view name) {
  std::string lower;
  for (char c : name) lower += char(std::tolower(static_cast<unsigned char>(c)));
  if (lower == "created") return JobStatus::created;
  if (lower == "queued") return JobStatus::queued;
  if (lower == "processing") return JobStatus::processing;
  if (lower == "completed") return JobStatus::completed;
  if (lower == "failed") return JobStatus::failed;
  if (lower == "cancelled" || lower == "canceled") return JobStatus::cancelled;
  return std::nullopt;
}

}  // namespace fake
