#include "imports/settle_tracker.hpp"

#include <algorithm>

namespace msync::imports::detail {

void SettleTracker::observe(const FileKey& key, const FileStat& stat, SteadyTime now,
                            bool moved_in, std::optional<SteadyTime> changed_at) {
  const auto it = files_.find(key);
  if (it == files_.end()) {
    files_.emplace(key, Entry{stat, changed_at.value_or(now), moved_in, false});
    return;
  }
  Entry& entry = it->second;
  if (entry.stat != stat) {
    entry = Entry{stat, now, moved_in, false};
    return;
  }
  // The same file seen again: a rename event read after a scan already saw the file.
  entry.moved_in = entry.moved_in || moved_in;
}

void SettleTracker::forget(const FileKey& key) { files_.erase(key); }

void SettleTracker::forget_others(std::size_t dir, const std::vector<std::string>& present) {
  for (auto it = files_.lower_bound(FileKey{dir, std::string()});
       it != files_.end() && it->first.first == dir;) {
    if (std::binary_search(present.begin(), present.end(), it->first.second))
      ++it;
    else
      it = files_.erase(it);
  }
}

bool SettleTracker::is_due(const Entry& entry, SteadyTime now) const {
  return !entry.reported && (entry.moved_in || now - entry.changed_at >= settle_);
}

std::vector<FileKey> SettleTracker::due(SteadyTime now) const {
  std::vector<FileKey> keys;
  for (const auto& [key, entry] : files_)
    if (is_due(entry, now)) keys.push_back(key);
  return keys;
}

std::vector<FileKey> SettleTracker::take_ready(SteadyTime now) {
  std::vector<FileKey> keys;
  for (auto& [key, entry] : files_) {
    if (!is_due(entry, now)) continue;
    entry.reported = true;
    keys.push_back(key);
  }
  return keys;
}

std::optional<SteadyTime> SettleTracker::next_deadline() const {
  std::optional<SteadyTime> first;
  for (const auto& [key, entry] : files_) {
    if (entry.reported) continue;
    const SteadyTime at = entry.moved_in ? entry.changed_at : entry.changed_at + settle_;
    if (!first || at < *first) first = at;
  }
  return first;
}

bool SettleTracker::has_unsettled() const {
  return std::any_of(files_.begin(), files_.end(),
                     [](const auto& item) { return !item.second.reported; });
}

}  // namespace msync::imports::detail
