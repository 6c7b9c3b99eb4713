#pragma once
// Watches the imports' inbound directories and says which files are complete: moved in by rename
// (IN_MOVED_TO), or unchanged (size and mtime) for the settle time after the last write. inotify
// is read through Asio on the event loop; a periodic rescan is the safety net for events lost to
// a queue overflow or a network filesystem. Dotfiles, `*.part` and anything but regular files are
// never reported; symbolic links are not followed (so never reported either: taking a file moves
// it, and moving a link would move the link, not the data). A ready file is reported once while
// it stays unchanged (same size, mtime and inode); if it changes or leaves and comes back, it is
// reported again. Everything runs on the executor's one thread: call it from there.
#include <chrono>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/awaitable.hpp>

#include "core/core.hpp"

namespace msync::imports {

struct InboundDir {
  std::string import;  // the configured import's name
  std::filesystem::path dir;
};

struct WatcherSettings {
  std::chrono::milliseconds settle{5'000};   // unchanged this long after a write: complete
  std::chrono::milliseconds rescan{60'000};  // full scan at least this often (1 s minimum)
};

struct InboundFile {
  std::string import;
  std::filesystem::path path;  // inside the import's inbound directory
};

class InboundWatcher {
 public:
  InboundWatcher(boost::asio::any_io_executor executor, std::vector<InboundDir> dirs,
                 WatcherSettings settings);
  ~InboundWatcher();
  InboundWatcher(const InboundWatcher&) = delete;
  InboundWatcher& operator=(const InboundWatcher&) = delete;

  // Creates missing inbound directories and adds the inotify watches; an error names the
  // directory (two imports on one directory are an error too). Files already present count as
  // written at their mtime: an old one is ready at once, one written just now waits out the rest
  // of the settle time. Called once.
  core::Status start();

  // Waits until at least one file is ready and returns every ready file not reported yet (empty
  // once stop() is called).
  boost::asio::awaitable<std::vector<InboundFile>> next_ready();

  // Scans now and returns the ready files not reported yet, without waiting.
  std::vector<InboundFile> poll_ready();

  // Files seen that are not settled yet: with --once, the run waits for them. False once stopped.
  bool has_unsettled() const;

  // next_ready() returns (empty) and the watches are closed. Destroying the watcher stops it too,
  // and a next_ready() still suspended then returns empty.
  void stop();

 private:
  class Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace msync::imports
