#include "imports/watcher_core.hpp"

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <utility>

#include <unistd.h>

#include <boost/asio/buffer.hpp>
#include <boost/asio/error.hpp>
#include <fmt/format.h>

#include "core/log.hpp"
#include "staging/staging.hpp"

namespace msync::imports::detail {
namespace {

namespace asio = boost::asio;

// IN_Q_OVERFLOW needs no asking: the kernel always reports it (on watch -1).
constexpr std::uint32_t kWatchMask = IN_CLOSE_WRITE | IN_MOVED_TO | IN_CREATE | IN_MODIFY |
                                     IN_DELETE | IN_MOVED_FROM | IN_DELETE_SELF | IN_MOVE_SELF |
                                     IN_ONLYDIR;

constexpr std::chrono::milliseconds kMinRescan{1'000};

// A file present at start counts as written at its mtime, so an old file is ready at once and one
// written a moment ago waits out the rest of the settle time. Ages beyond the settle time are all
// alike, so the age is capped there (no steady-clock arithmetic with years).
SteadyTime written_at(const FileStat& stat, SteadyTime now, std::chrono::milliseconds settle) {
  const auto mtime = std::chrono::system_clock::time_point(
      std::chrono::duration_cast<std::chrono::system_clock::duration>(
          std::chrono::nanoseconds(stat.mtime_ns)));
  const auto age = std::chrono::system_clock::now() - mtime;
  if (age <= std::chrono::system_clock::duration::zero()) return now;
  return now - std::min<SteadyTime::duration>(
                   std::chrono::duration_cast<SteadyTime::duration>(age), settle);
}

}  // namespace

WatcherCore::WatcherCore(asio::any_io_executor executor, std::vector<InboundDir> dirs,
                         WatcherSettings settings)
    : dirs_(std::move(dirs)),
      settings_(settings),
      tracker_(settings.settle),
      inotify_(executor),
      watch_of_dir_(dirs_.size(), -1),
      settle_timer_(executor),
      rescan_timer_(executor),
      wake_(executor, SteadyTime::max()),
      log_(core::logger("imports")) {}

core::Status WatcherCore::start() {
  if (started_ || stopped_) return core::make_error("inbound watcher: start() after start() or stop()");
  for (const InboundDir& dir : dirs_) {
    if (auto made = staging::make_directory_durably(dir.dir); !made)
      return core::make_error(
          fmt::format("inbound directory of import {}: {}", dir.import, made.error().message),
          made.error().kind);
  }
  const int fd = ::inotify_init1(IN_NONBLOCK | IN_CLOEXEC);
  if (fd < 0)
    return core::make_error(fmt::format("inotify_init1: {}", std::strerror(errno)),
                            core::ErrorKind::permanent);
  inotify_.assign(fd);
  core::Status status;
  for (std::size_t i = 0; i < dirs_.size() && status; ++i) status = watch(i);
  for (std::size_t i = 0; i < dirs_.size() && status; ++i) status = rescan(i, true);
  if (!status) {
    stop();
    return status;
  }
  started_ = true;
  read_events();
  collect_ready();
  arm_settle();
  arm_rescan();
  return {};
}

core::Status WatcherCore::watch(std::size_t dir) {
  const InboundDir& inbound = dirs_[dir];
  const int wd = ::inotify_add_watch(inotify_.native_handle(), inbound.dir.c_str(), kWatchMask);
  if (wd < 0)
    return core::make_error(fmt::format("watch inbound directory {} of import {}: {}",
                                        inbound.dir.string(), inbound.import, std::strerror(errno)),
                            core::ErrorKind::permanent);
  // inotify gives one directory one watch: two imports on one directory would take each other's
  // files.
  if (const auto other = dir_of_watch_.find(wd); other != dir_of_watch_.end())
    return core::make_error(fmt::format("imports {} and {} watch one inbound directory {}",
                                        dirs_[other->second].import, inbound.import,
                                        inbound.dir.string()),
                            core::ErrorKind::permanent);
  dir_of_watch_[wd] = dir;
  watch_of_dir_[dir] = wd;
  return {};
}

// The directory was removed or renamed: its files are no longer ours to report. The periodic
// rescan creates it again and watches it anew.
void WatcherCore::unwatch(std::size_t dir) {
  if (watch_of_dir_[dir] >= 0) dir_of_watch_.erase(watch_of_dir_[dir]);
  watch_of_dir_[dir] = -1;
  tracker_.forget_others(dir, {});
}

core::Status WatcherCore::rescan(std::size_t dir, bool at_start) {
  auto files = scan_directory(dirs_[dir].dir);
  if (!files) return files.error();
  const SteadyTime now = std::chrono::steady_clock::now();
  std::vector<std::string> names;
  for (const ScannedFile& file : *files) {
    std::optional<SteadyTime> changed_at;
    if (at_start) changed_at = written_at(file.stat, now, settings_.settle);
    tracker_.observe(FileKey{dir, file.name}, file.stat, now, false, changed_at);
    names.push_back(file.name);
  }
  std::sort(names.begin(), names.end());
  tracker_.forget_others(dir, names);
  return {};
}

void WatcherCore::rescan_all() {
  for (std::size_t i = 0; i < dirs_.size(); ++i) {
    if (watch_of_dir_[i] < 0) {
      auto made = staging::make_directory_durably(dirs_[i].dir);
      if (made) made = watch(i);
      if (!made) {
        log_->warn("import {}: {}", dirs_[i].import, made.error().message);
        continue;
      }
      log_->info("import {}: watching {} again", dirs_[i].import, dirs_[i].dir.string());
    }
    if (auto scanned = rescan(i, false); !scanned)
      log_->warn("import {}: {}", dirs_[i].import, scanned.error().message);
  }
}

void WatcherCore::read_events() {
  inotify_.async_read_some(
      asio::buffer(events_),
      [weak = weak_from_this()](const boost::system::error_code& ec, std::size_t bytes) {
        const auto self = weak.lock();
        if (!self || self->stopped_ || ec == asio::error::operation_aborted) return;
        if (ec) {
          // Not re-armed (it would spin on a broken descriptor): the periodic rescan still works.
          self->log_->error("reading inotify events: {}; relying on rescans", ec.message());
          return;
        }
        self->handle_events(bytes);
        self->read_events();
      });
}

void WatcherCore::handle_events(std::size_t bytes) {
  bool overflow = false;
  std::size_t offset = 0;
  while (offset + sizeof(inotify_event) <= bytes) {
    inotify_event event{};
    std::memcpy(&event, events_.data() + offset, sizeof event);
    const char* name = events_.data() + offset + sizeof event;
    offset += sizeof event + event.len;
    if (event.mask & IN_Q_OVERFLOW) {
      overflow = true;
      continue;
    }
    const auto dir = dir_of_watch_.find(event.wd);
    if (dir == dir_of_watch_.end()) continue;
    handle_event(dir->second, std::string_view(name, ::strnlen(name, event.len)), event.mask);
  }
  if (overflow) {
    log_->warn("inotify queue overflowed: scanning every inbound directory");
    rescan_all();
  }
  collect_ready();
  arm_settle();
}

void WatcherCore::handle_event(std::size_t dir, std::string_view name, std::uint32_t mask) {
  if (mask & IN_IGNORED) {
    log_->warn("import {}: inbound directory {} went away", dirs_[dir].import,
               dirs_[dir].dir.string());
    unwatch(dir);
    return;
  }
  if (mask & IN_MOVE_SELF) {
    // The watch would follow the directory to its new name; IN_IGNORED follows the removal.
    ::inotify_rm_watch(inotify_.native_handle(), watch_of_dir_[dir]);
    return;
  }
  if ((mask & IN_ISDIR) || !is_candidate_name(name)) return;
  const FileKey key{dir, std::string(name)};
  if (mask & (IN_DELETE | IN_MOVED_FROM))
    tracker_.forget(key);
  else
    refresh(key, (mask & IN_MOVED_TO) != 0);
}

void WatcherCore::refresh(const FileKey& key, bool moved_in) {
  auto stat = stat_regular_file(dirs_[key.first].dir / key.second);
  if (!stat) {
    log_->warn("import {}: {}", dirs_[key.first].import, stat.error().message);
    return;
  }
  if (!*stat)
    tracker_.forget(key);
  else
    tracker_.observe(key, **stat, std::chrono::steady_clock::now(), moved_in);
}

// A due file is looked at once more first: a write whose event is still unread (or was lost)
// must not let a half-written file through.
void WatcherCore::collect_ready() {
  for (const FileKey& key : tracker_.due(std::chrono::steady_clock::now())) refresh(key, false);
  const auto keys = tracker_.take_ready(std::chrono::steady_clock::now());
  for (const FileKey& key : keys)
    ready_.push_back(InboundFile{dirs_[key.first].import, dirs_[key.first].dir / key.second});
  if (!keys.empty()) wake_.cancel();
}

void WatcherCore::arm_settle() {
  const auto deadline = tracker_.next_deadline();
  if (stopped_ || !deadline || (settle_at_ && *settle_at_ <= *deadline)) return;
  settle_at_ = deadline;
  const std::uint64_t generation = ++settle_generation_;
  settle_timer_.expires_at(*deadline);
  settle_timer_.async_wait(
      [weak = weak_from_this(), generation](const boost::system::error_code& ec) {
        const auto self = weak.lock();
        if (!self || self->stopped_ || ec || generation != self->settle_generation_) return;
        self->settle_at_.reset();
        self->collect_ready();
        self->arm_settle();
      });
}

void WatcherCore::arm_rescan() {
  // A zero period would spin the event loop.
  rescan_timer_.expires_after(std::max<std::chrono::milliseconds>(settings_.rescan, kMinRescan));
  rescan_timer_.async_wait([weak = weak_from_this()](const boost::system::error_code& ec) {
    const auto self = weak.lock();
    if (!self || self->stopped_ || ec) return;
    self->rescan_all();
    self->collect_ready();
    self->arm_settle();
    self->arm_rescan();
  });
}

std::vector<InboundFile> WatcherCore::poll_ready() {
  if (started_ && !stopped_) {
    rescan_all();
    collect_ready();
    arm_settle();
  }
  return take_ready();
}

std::vector<InboundFile> WatcherCore::take_ready() { return std::exchange(ready_, {}); }

void WatcherCore::stop() {
  if (stopped_) return;
  stopped_ = true;
  settle_timer_.cancel();
  rescan_timer_.cancel();
  boost::system::error_code ignored;
  inotify_.close(ignored);  // closing the descriptor drops every watch
  ready_.clear();
  wake_.cancel();
}

}  // namespace msync::imports::detail
