#include "fake_marketo/sim/job_board.hpp"

#include <cmath>
#include <cstdio>

#include "core/core.hpp"
#include "fake_marketo/sim/file_sink.hpp"
#include "fake_marketo/sim/ids.hpp"

namespace fake {
namespace {

using std::chrono::milliseconds;

constexpr auto kFileLifetime = std::chrono::days{7};

milliseconds ms(double seconds) { return milliseconds(std::llround(seconds * 1000)); }

SimTime day_start(SimTime t) {
  const auto day = msync::core::us_central_day_start(std::chrono::floor<std::chrono::seconds>(t));
  return SimTime(day.time_since_epoch());
}

}  // namespace

JobBoard::JobBoard(const Options& options, const DataSet& data, std::string files_dir)
    : options_(options), data_(data), files_dir_(std::move(files_dir)),
      id_key_(mix(options.data.seed ^ 0x6578706f7274ULL)) {}

JobBoard::~JobBoard() {
  for (const auto& job : jobs_)
    if (!job.path.empty()) std::remove(job.path.c_str());
}

unsigned JobBoard::count(JobStatus s) const {
  unsigned n = 0;
  for (const auto& job : jobs_) n += job.status == s;
  return n;
}

void JobBoard::add_foreign_jobs(unsigned count, SimTime now) {
  for (unsigned i = 0; i < count; ++i) {
    ExportJob& job = create("", ExportSpec{}, now);
    job.status = JobStatus::queued;
    job.queued_at = now;
    job.wait = milliseconds(0);
    job.duration = ms(options_.foreign_job_seconds);
  }
}

ExportJob& JobBoard::create(const std::string& owner, ExportSpec spec, SimTime now) {
  ExportJob& job = jobs_.emplace_back();
  job.seq = next_seq_++;
  job.id = make_uuid(id_key_, job.seq);
  job.owner = owner;
  job.spec = std::move(spec);
  job.created_at = now;
  job.wait = ms(options_.queue_seconds);
  job.duration = ms(options_.process_seconds);
  return job;
}

ExportJob* JobBoard::find(const std::string& id, const std::string& owner) {
  for (auto& job : jobs_)
    if (job.id == id) return (!job.foreign() && job.owner == owner) ? &job : nullptr;
  return nullptr;
}

void JobBoard::advance_to(SimTime t) {
  constexpr SimTime never = SimTime::max();
  while (true) {
    ExportJob* ending = nullptr;
    SimTime end_at = never;
    ExportJob* head = nullptr;
    unsigned processing = 0;
    for (auto& job : jobs_) {
      if (job.status == JobStatus::processing) {
        ++processing;
        const SimTime e = *job.started_at + job.duration;
        if (e < end_at) end_at = e, ending = &job;
      } else if (job.status == JobStatus::queued) {
        if (!head || std::pair(*job.queued_at, job.seq) < std::pair(*head->queued_at, head->seq))
          head = &job;
      }
    }
    SimTime start_at = never;
    if (head && processing < options_.max_processing)
      start_at = std::max(*head->queued_at + head->wait, clock_);
    const SimTime next = std::min(end_at, start_at);
    if (next == never || next > t) break;
    clock_ = next;
    if (ending && end_at <= start_at) complete(*ending, end_at);
    else start(*head, start_at);
  }
  clock_ = std::max(clock_, t);
  expire_files(clock_);
}

void JobBoard::start(ExportJob& job, SimTime t) {
  job.status = JobStatus::processing;
  job.started_at = t;
}

void JobBoard::complete(ExportJob& job, SimTime t) {
  job.finished_at = t;
  job.status = JobStatus::completed;
  if (job.foreign()) return;
  if (job.doomed) {
    job.status = JobStatus::failed;
    job.error = "Export job failed to process";
    return;
  }
  const std::string path = files_dir_ + "/" + job.id + "." + format_info(job.spec.format).extension;
  FileSink sink(path);
  const RenderStats stats = sink.is_open() ? render_entity(data_, job.spec, sink) : RenderStats{0, 0, false};
  const bool closed = sink.close();
  if (!stats.ok || !closed) {
    std::remove(path.c_str());
    job.status = JobStatus::failed;
    job.error = "Export file could not be written";
    return;
  }
  job.path = path;
  job.records = stats.records;
  job.file_size = stats.bytes;
  job.checksum = sink.sha256_hex();
}

void JobBoard::expire_files(SimTime t) {
  for (auto& job : jobs_) {
    if (job.path.empty() || file_kept(job, t)) continue;
    std::remove(job.path.c_str());
    job.path.clear();
  }
}

bool JobBoard::file_kept(const ExportJob& job, SimTime now) const {
  return job.status == JobStatus::completed && !job.path.empty() &&
         now < *job.finished_at + kFileLifetime;
}

void JobBoard::doom(const std::string& id) {
  for (auto& job : jobs_)
    if (job.id == id) job.doomed = true;
}

void JobBoard::expire_file(const std::string& id) {
  for (auto& job : jobs_) {
    if (job.id != id || job.path.empty()) continue;
    std::remove(job.path.c_str());
    job.path.clear();
  }
}

std::optional<MarketoError> JobBoard::enqueue(ExportJob& job, SimTime now) {
  if (job.active()) return MarketoError{"1029", "Job already queued"};
  if (job.status != JobStatus::created)
    return MarketoError{"1003", "Export Id " + job.id + " is " + std::string(status_name(job.status)) +
                                    ": only a Created job can be enqueued"};
  const unsigned active = count(JobStatus::queued) + count(JobStatus::processing);
  if (active >= options_.max_queued)
    return MarketoError{"1029", "Too many jobs (" + std::to_string(options_.max_queued) + ") in queue"};
  if (quota_exceeded(now)) return MarketoError{"1029", "Export daily quota exceeded"};
  job.status = JobStatus::queued;
  job.queued_at = now;
  return std::nullopt;
}

std::optional<MarketoError> JobBoard::cancel(ExportJob& job, SimTime now) {
  if (job.status == JobStatus::cancelled) return std::nullopt;  // a retried cancel is harmless
  if (job.status == JobStatus::completed || job.status == JobStatus::failed)
    return MarketoError{"1003", "Export Id " + job.id + " is " + std::string(status_name(job.status)) +
                                    ": it can no longer be cancelled"};
  job.status = JobStatus::cancelled;
  job.cancelled_at = now;
  return std::nullopt;
}

std::vector<const ExportJob*> JobBoard::jobs_of(const std::string& owner, SimTime since) const {
  std::vector<const ExportJob*> out;
  for (const auto& job : jobs_)
    if (!job.foreign() && job.owner == owner && job.created_at >= since) out.push_back(&job);
  return out;
}

JobStatus JobBoard::visible_status(const ExportJob& job, SimTime now) const {
  if (job.status == JobStatus::cancelled) return JobStatus::cancelled;
  SimTime tick = now;
  const milliseconds period = ms(options_.status_refresh_seconds);
  if (period.count() > 0) tick = job.created_at + (now - job.created_at) / period * period;
  if (job.finished_at && *job.finished_at <= tick) return job.status;
  if (job.started_at && *job.started_at <= tick) return JobStatus::processing;
  return job.queued_at ? JobStatus::queued : JobStatus::created;
}

std::uint64_t JobBoard::quota_used(SimTime now) const {
  const SimTime since = day_start(now);
  std::uint64_t used = 0;
  for (const auto& job : jobs_)
    if (job.status == JobStatus::completed && *job.finished_at >= since && *job.finished_at <= now)
      used += job.file_size;
  return used;
}

void JobBoard::exhaust_quota(SimTime now) { exhausted_day_ = day_start(now); }

bool JobBoard::quota_exceeded(SimTime now) const {
  if (exhausted_day_ && *exhausted_day_ == day_start(now)) return true;
  return quota_used(now) >= options_.daily_quota_bytes;
}

}  // namespace fake
