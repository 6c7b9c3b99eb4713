#pragma once
// The inbound watcher's machinery, shared with the handlers it leaves pending on the event loop
// (they hold it weakly, so the watcher may go away with operations still queued). inotify events,
// the settle timer, the periodic rescan and poll_ready() all feed one SettleTracker.
#include <array>
#include <cstddef>
#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string_view>
#include <vector>

#include <sys/inotify.h>

#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/posix/stream_descriptor.hpp>
#include <boost/asio/steady_timer.hpp>
#include <spdlog/logger.h>

#include "imports/inbound_watcher.hpp"
#include "imports/settle_tracker.hpp"

namespace msync::imports::detail {

class WatcherCore : public std::enable_shared_from_this<WatcherCore> {
 public:
  WatcherCore(boost::asio::any_io_executor executor, std::vector<InboundDir> dirs,
              WatcherSettings settings);

  core::Status start();
  std::vector<InboundFile> poll_ready();
  void stop();

  bool stopped() const { return stopped_; }
  bool has_unsettled() const { return !stopped_ && tracker_.has_unsettled(); }
  bool has_ready() const { return !ready_.empty(); }
  std::vector<InboundFile> take_ready();
  // Cancelled whenever files become ready or the watcher stops; never expires by itself.
  boost::asio::steady_timer& wake() { return wake_; }

 private:
  core::Status watch(std::size_t dir);
  void unwatch(std::size_t dir);
  core::Status rescan(std::size_t dir, bool at_start);
  void rescan_all();
  void read_events();
  void handle_events(std::size_t bytes);
  void handle_event(std::size_t dir, std::string_view name, std::uint32_t mask);
  void refresh(const FileKey& key, bool moved_in);
  void collect_ready();
  void arm_settle();
  void arm_rescan();

  std::vector<InboundDir> dirs_;
  WatcherSettings settings_;
  SettleTracker tracker_;
  boost::asio::posix::stream_descriptor inotify_;
  std::vector<int> watch_of_dir_;  // -1: not watched (not started, or the directory went away)
  std::map<int, std::size_t> dir_of_watch_;
  boost::asio::steady_timer settle_timer_;
  std::optional<SteadyTime> settle_at_;  // when settle_timer_ fires, if armed
  std::uint64_t settle_generation_ = 0;  // tells a re-armed timer's cancelled wait from its own
  boost::asio::steady_timer rescan_timer_;
  boost::asio::steady_timer wake_;
  std::vector<InboundFile> ready_;
  bool started_ = false;
  bool stopped_ = false;
  std::shared_ptr<spdlog::logger> log_;
  // Big enough for many events; each is at most sizeof(inotify_event) + NAME_MAX + 1.
  alignas(inotify_event) std::array<char, 16 * 1024> events_{};
};

}  // namespace msync::imports::detail
