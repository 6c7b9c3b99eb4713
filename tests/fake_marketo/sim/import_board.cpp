#include "fake_marketo/sim/import_board.hpp"

#include <cmath>

#include "fake_marketo/sim/import_run.hpp"

namespace fake {
namespace {

constexpr auto kBatchLifetime = std::chrono::days{7};

std::chrono::milliseconds ms(double seconds) { return std::chrono::milliseconds(std::llround(seconds * 1000)); }

}  // namespace

bool ImportBoard::full() const {
  unsigned active = 0;
  for (const auto& [_, job] : jobs_) active += job.active();
  return active >= options_.max_import_queued;
}

ImportJob& ImportBoard::add(ImportJob job, SimTime now) {
  job.batch_id = next_batch_id_++;
  job.status = ImportStatus::queued;
  job.created_at = now;
  job.wait = ms(options_.import_queue_seconds);
  job.duration = ms(options_.import_process_seconds);
  return jobs_[job.batch_id] = std::move(job);
}

const ImportJob* ImportBoard::find(std::int64_t batch_id, const std::string& owner) const {
  const auto it = jobs_.find(batch_id);
  if (it == jobs_.end() || it->second.owner != owner) return nullptr;
  return &it->second;
}

void ImportBoard::advance_to(SimTime t) {
  constexpr SimTime never = SimTime::max();
  while (true) {
    ImportJob* ending = nullptr;
    SimTime end_at = never;
    ImportJob* head = nullptr;  // the oldest Queued: jobs_ is in upload order
    unsigned importing = 0;
    for (auto& [_, job] : jobs_) {
      if (job.status == ImportStatus::importing) {
        ++importing;
        const SimTime e = *job.started_at + job.duration;
        if (e < end_at) end_at = e, ending = &job;
      } else if (job.status == ImportStatus::queued && !head) {
        head = &job;
      }
    }
    SimTime start_at = never;
    if (head && importing < options_.max_importing) start_at = std::max(head->created_at + head->wait, clock_);
    const SimTime next = std::min(end_at, start_at);
    if (next == never || next > t) break;
    clock_ = next;
    if (ending && end_at <= start_at) {
      ending->finished_at = end_at;
      run_import(*ending, roster_);
    } else {
      head->status = ImportStatus::importing;
      head->started_at = start_at;
    }
  }
  clock_ = std::max(clock_, t);
  std::erase_if(jobs_, [&](const auto& entry) {
    return !entry.second.active() && entry.second.created_at + kBatchLifetime <= clock_;
  });
}

}  // namespace fake
