#pragma once
// The inbound watcher's memory, without any I/O or timer: every file seen, when it last changed,
// and whether it was reported. A file is ready when it was moved in whole (a rename), or when its
// stat has stayed the same for the settle time. It is reported once while it stays unchanged; a
// change makes it wait out the settle time again, and a file forgotten (it left) and seen again
// is new. Time is passed in, so the rules are tested without waiting.
#include <chrono>
#include <cstddef>
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "imports/inbound_scan.hpp"

namespace msync::imports::detail {

using SteadyTime = std::chrono::steady_clock::time_point;

// (index of the watched directory, file name)
using FileKey = std::pair<std::size_t, std::string>;

class SettleTracker {
 public:
  explicit SettleTracker(std::chrono::milliseconds settle) : settle_(settle) {}

  // The file has this stat now. `changed_at` is when a file not known yet was last written (by
  // default `now`); `moved_in` says it arrived by rename, complete.
  void observe(const FileKey& key, const FileStat& stat, SteadyTime now, bool moved_in = false,
               std::optional<SteadyTime> changed_at = std::nullopt);
  void forget(const FileKey& key);
  // Forgets the files of directory `dir` not in `present` (sorted names): a rescan's view.
  void forget_others(std::size_t dir, const std::vector<std::string>& present);

  // Files not reported yet whose time has come: the ones to stat once more before take_ready().
  std::vector<FileKey> due(SteadyTime now) const;
  // The due files, now marked reported.
  std::vector<FileKey> take_ready(SteadyTime now);
  // When the next unreported file will be due; nullopt when none waits.
  std::optional<SteadyTime> next_deadline() const;
  bool has_unsettled() const;

 private:
  struct Entry {
    FileStat stat;
    SteadyTime changed_at;
    bool moved_in = false;
    bool reported = false;
  };
  bool is_due(const Entry& entry, SteadyTime now) const;

  std::chrono::milliseconds settle_;
  std::map<FileKey, Entry> files_;  // ordered: ready files come out in a stable order
};

}  // namespace msync::imports::detail
