#pragma once
// The subscription's import queue. Job clock as for exports (see job_board.hpp): an import waits
// its queue time, then takes one of max_importing slots first come first served, and finishes its
// process time later, when its rows are imported. At most max_import_queued imports are Queued or
// Importing at once. A batchId is known for 7 days after its upload, then forgotten.
#include <cstdint>
#include <map>
#include <string>

#include "fake_marketo/sim/import_job.hpp"
#include "fake_marketo/sim/program_roster.hpp"

namespace fake {

class ImportBoard {
 public:
  explicit ImportBoard(const Options& options) : options_(options) {}

  // Runs every import event up to t (t never goes back).
  void advance_to(SimTime t);

  bool full() const;
  // Queues `job` (its batch id, times and clock filled in here).
  ImportJob& add(ImportJob job, SimTime now);
  // nullptr unless the batch exists, is not expired and belongs to owner.
  const ImportJob* find(std::int64_t batch_id, const std::string& owner) const;

  const ProgramRoster& roster() const { return roster_; }

 private:
  const Options& options_;
  std::map<std::int64_t, ImportJob> jobs_;  // by batch id, which grows with upload order
  std::int64_t next_batch_id_ = 1040;       // the seed's first example
  SimTime clock_{};
  ProgramRoster roster_;
};

}  // namespace fake
