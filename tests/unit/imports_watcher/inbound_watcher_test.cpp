// The watcher on a real io_context, real inotify and real files. Every wait is bounded by a
// watchdog that stops the watcher (the test fails, it does not hang); timing is only asserted
// from below (nothing is ready before its settle time), which no slow machine can break.
#include <gtest/gtest.h>

#include <chrono>
#include <fstream>
#include <optional>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/steady_timer.hpp>

#include "imports/imports.hpp"
#include "imports/inbound_scan.hpp"
#include "support/temp_dir.hpp"

namespace msync::imports {
namespace {

namespace asio = boost::asio;
namespace fs = std::filesystem;
using namespace std::chrono_literals;
using Clock = std::chrono::steady_clock;

constexpr auto kWatchdog = 20s;
constexpr auto kMtimeTick = 20ms;

void write_file(const fs::path& path, std::string_view text, bool append = false) {
  std::ofstream out(path, std::ios::binary | (append ? std::ios::app : std::ios::trunc));
  out << text;
}

void make_old(const fs::path& path) {
  fs::last_write_time(path, fs::file_time_type::clock::now() - 1h);
}

std::vector<std::string> names(const std::vector<InboundFile>& files) {
  std::vector<std::string> out;
  for (const auto& f : files) out.push_back(f.import + ":" + f.path.filename().string());
  return out;
}

class InboundWatcherTest : public ::testing::Test {
 protected:
  fs::path inbound(const char* name = "webinar") const { return tmp_ / "inbound" / name; }
  fs::path outside() const { return tmp_.path(); }

  InboundWatcher& make(std::chrono::milliseconds settle = 200ms,
                       std::vector<InboundDir> dirs = {}) {
    if (dirs.empty()) dirs.push_back({"webinar", inbound()});
    watcher_.emplace(io_.get_executor(), std::move(dirs), WatcherSettings{settle, 1h});
    return *watcher_;
  }

  void start() {
    auto started = watcher_->start();
    ASSERT_TRUE(started.ok()) << started.error().message;
  }

  // Writes a whole file beside the inbound directory and renames it in.
  void move_in(const char* name, std::string_view text, const fs::path& dir) {
    const fs::path staged = outside() / (std::string(".staged-") + name);
    write_file(staged, text);
    fs::rename(staged, dir / name);
  }

  // Runs next_ready() until it returns.
  std::vector<InboundFile> wait_ready() {
    std::optional<std::vector<InboundFile>> got;
    asio::co_spawn(
        io_, [&]() -> asio::awaitable<void> { got = co_await watcher_->next_ready(); },
        asio::detached);
    bool timed_out = false;
    asio::steady_timer watchdog(io_, kWatchdog);
    watchdog.async_wait([&](const boost::system::error_code& ec) {
      if (ec) return;
      timed_out = true;
      watcher_->stop();
    });
    while (!got && io_.run_one()) {
    }
    watchdog.cancel();
    io_.poll();
    EXPECT_FALSE(timed_out) << "next_ready() did not return in time";
    return got.value_or(std::vector<InboundFile>());
  }

  // Runs the loop for a while: lets events and timers happen.
  void run_for(std::chrono::milliseconds d) { io_.run_for(d); }

  test_support::TempDir tmp_;
  asio::io_context io_;
  std::optional<InboundWatcher> watcher_;
};

TEST_F(InboundWatcherTest, StartCreatesAMissingInboundDirectory) {
  make();
  start();
  EXPECT_TRUE(fs::is_directory(inbound()));
  EXPECT_TRUE(watcher_->poll_ready().empty());
  EXPECT_FALSE(watcher_->has_unsettled());
}

TEST_F(InboundWatcherTest, StartFailsNamingADirectoryItCannotMake) {
  fs::create_directories(tmp_ / "inbound");
  write_file(tmp_ / "inbound" / "blocker", "a file where a directory should be");
  make(200ms, {{"webinar", tmp_ / "inbound" / "blocker" / "webinar"}});
  const auto started = watcher_->start();
  ASSERT_FALSE(started.ok());
  EXPECT_NE(started.error().message.find((tmp_ / "inbound" / "blocker").string()),
            std::string::npos)
      << started.error().message;
  EXPECT_NE(started.error().message.find("webinar"), std::string::npos);
}

TEST_F(InboundWatcherTest, StartFailsNamingAnInboundPathThatIsAFile) {
  fs::create_directories(tmp_ / "inbound");
  write_file(inbound(), "not a directory");
  make();
  const auto started = watcher_->start();
  ASSERT_FALSE(started.ok());
  EXPECT_NE(started.error().message.find(inbound().string()), std::string::npos)
      << started.error().message;
}

TEST_F(InboundWatcherTest, AFileMovedInIsReadyWithoutWaitingToSettle) {
  make(1h);  // nothing could settle during this test: only the rename makes it ready
  start();
  move_in("members.csv", "email\na@example.com\n", inbound());
  const auto ready = wait_ready();
  ASSERT_EQ(names(ready), std::vector<std::string>{"webinar:members.csv"});
  EXPECT_EQ(ready[0].path, inbound() / "members.csv");
}

TEST_F(InboundWatcherTest, AFileWrittenInPiecesIsReadyOnlyTheSettleTimeAfterItsLastWrite) {
  constexpr auto kSettle = 300ms;
  make(kSettle);
  start();
  const fs::path file = inbound() / "members.csv";
  write_file(file, "email\n");
  run_for(50ms);
  write_file(file, "a@example.com\n", true);
  run_for(50ms);
  EXPECT_TRUE(watcher_->poll_ready().empty());
  EXPECT_TRUE(watcher_->has_unsettled());
  write_file(file, "b@example.com\n", true);
  const auto last_write = Clock::now();
  const auto ready = wait_ready();
  EXPECT_GE(Clock::now() - last_write, kSettle);
  ASSERT_EQ(names(ready), std::vector<std::string>{"webinar:members.csv"});
  EXPECT_EQ(fs::file_size(file), std::string("email\na@example.com\nb@example.com\n").size());
  EXPECT_FALSE(watcher_->has_unsettled());
}

TEST_F(InboundWatcherTest, DotfilesPartFilesDirectoriesAndLinksAreNeverReported) {
  fs::create_directories(inbound());
  for (const char* name : {".hidden.csv", "upload.csv.part", "old.csv"}) {
    write_file(inbound() / name, "email\n");
    make_old(inbound() / name);
  }
  fs::create_directory(inbound() / "folder");
  write_file(outside() / "target.csv", "email\n");
  make_old(outside() / "target.csv");
  fs::create_symlink(outside() / "target.csv", inbound() / "link.csv");
  make(200ms);
  start();
  EXPECT_EQ(names(watcher_->poll_ready()), std::vector<std::string>{"webinar:old.csv"});

  // The same kinds arriving while watched, then a file that is reported: everything before it
  // has been seen by then.
  move_in(".later.csv", "email\n", inbound());
  move_in("later.csv.part", "email\n", inbound());
  fs::create_directory(inbound() / "later-folder");
  fs::create_symlink(outside() / "target.csv", inbound() / "later-link.csv");
  move_in("sentinel.csv", "email\n", inbound());
  EXPECT_EQ(names(wait_ready()), std::vector<std::string>{"webinar:sentinel.csv"});
  EXPECT_TRUE(watcher_->poll_ready().empty());
  EXPECT_FALSE(watcher_->has_unsettled());
}

TEST_F(InboundWatcherTest, AnOldFilePresentAtStartIsReadyAtOnceAFreshOneAfterSettling) {
  constexpr auto kSettle = 300ms;
  fs::create_directories(inbound());
  write_file(inbound() / "old.csv", "email\n");
  make_old(inbound() / "old.csv");
  const auto fresh_written = Clock::now();
  write_file(inbound() / "fresh.csv", "email\n");
  make(kSettle);
  start();
  EXPECT_EQ(names(watcher_->poll_ready()), std::vector<std::string>{"webinar:old.csv"});
  EXPECT_TRUE(watcher_->has_unsettled());
  EXPECT_EQ(names(wait_ready()), std::vector<std::string>{"webinar:fresh.csv"});
  // Counted from the file's mtime, which the kernel takes from a clock that may lag by a tick.
  EXPECT_GE(Clock::now() - fresh_written, kSettle - kMtimeTick);
}

TEST_F(InboundWatcherTest, AReadyFileIsReportedOnce) {
  make(100ms);
  start();
  move_in("members.csv", "email\n", inbound());
  EXPECT_EQ(wait_ready().size(), 1u);
  run_for(300ms);  // well past the settle time: nothing new must come of it
  EXPECT_TRUE(watcher_->poll_ready().empty());
  EXPECT_FALSE(watcher_->has_unsettled());
}

TEST_F(InboundWatcherTest, AReportedFileThatIsDeletedAndCreatedAgainIsReportedAgain) {
  make(100ms);
  start();
  move_in("members.csv", "email\n", inbound());
  EXPECT_EQ(wait_ready().size(), 1u);
  fs::remove(inbound() / "members.csv");
  run_for(50ms);
  move_in("members.csv", "email\n", inbound());
  EXPECT_EQ(names(wait_ready()), std::vector<std::string>{"webinar:members.csv"});
}

TEST_F(InboundWatcherTest, AReportedFileThatChangesIsReportedAgainAfterSettling) {
  make(100ms);
  start();
  move_in("members.csv", "email\n", inbound());
  EXPECT_EQ(wait_ready().size(), 1u);
  write_file(inbound() / "members.csv", "a@example.com\n", true);
  EXPECT_EQ(names(wait_ready()), std::vector<std::string>{"webinar:members.csv"});
}

TEST_F(InboundWatcherTest, AFileDeletedBeforeSettlingIsNeverReported) {
  make(200ms);
  start();
  write_file(inbound() / "gone.csv", "email\n");
  run_for(20ms);
  fs::remove(inbound() / "gone.csv");
  move_in("sentinel.csv", "email\n", inbound());
  EXPECT_EQ(names(wait_ready()), std::vector<std::string>{"webinar:sentinel.csv"});
  run_for(300ms);
  EXPECT_TRUE(watcher_->poll_ready().empty());
  EXPECT_FALSE(watcher_->has_unsettled());
}

TEST_F(InboundWatcherTest, EachImportReportsTheFilesOfItsOwnDirectory) {
  make(1h, {{"webinar", inbound("webinar")}, {"trade_show", inbound("trade_show")}});
  start();
  move_in("a.csv", "email\n", inbound("webinar"));
  move_in("b.csv", "email\n", inbound("trade_show"));
  std::vector<InboundFile> all;
  while (all.size() < 2) {
    const auto ready = wait_ready();
    if (ready.empty()) break;
    all.insert(all.end(), ready.begin(), ready.end());
  }
  std::vector<std::string> got = names(all);
  std::sort(got.begin(), got.end());
  EXPECT_EQ(got, (std::vector<std::string>{"trade_show:b.csv", "webinar:a.csv"}));
  for (const auto& file : all)
    EXPECT_EQ(file.path.parent_path(), inbound(file.import.c_str()));
}

TEST_F(InboundWatcherTest, AnInboundDirectoryRemovedIsMadeAndWatchedAgain) {
  make(1h);
  start();
  fs::remove_all(inbound());
  // Once the watcher has seen the directory go, a scan (here poll_ready) makes it again.
  for (int i = 0; i < 500 && !fs::is_directory(inbound()); ++i) {
    run_for(20ms);
    EXPECT_TRUE(watcher_->poll_ready().empty());
  }
  ASSERT_TRUE(fs::is_directory(inbound()));
  move_in("members.csv", "email\n", inbound());
  EXPECT_EQ(names(wait_ready()), std::vector<std::string>{"webinar:members.csv"});
}

TEST_F(InboundWatcherTest, TwoImportsOnOneDirectoryAreRefused) {
  make(200ms, {{"webinar", inbound()}, {"again", inbound()}});
  const auto started = watcher_->start();
  ASSERT_FALSE(started.ok());
  EXPECT_NE(started.error().message.find(inbound().string()), std::string::npos);
}

TEST_F(InboundWatcherTest, StopEndsAWaitingNextReadyWithNothing) {
  make(1h);
  start();
  asio::steady_timer stopper(io_, 50ms);
  stopper.async_wait([&](const boost::system::error_code&) { watcher_->stop(); });
  EXPECT_TRUE(wait_ready().empty());
  EXPECT_TRUE(watcher_->poll_ready().empty());
}

TEST_F(InboundWatcherTest, DestroyingTheWatcherEndsAWaitingNextReady) {
  make(1h);
  start();
  std::optional<std::vector<InboundFile>> got;
  asio::co_spawn(
      io_, [&]() -> asio::awaitable<void> { got = co_await watcher_->next_ready(); },
      asio::detached);
  io_.poll();
  watcher_.reset();
  io_.run_for(kWatchdog);  // returns as soon as nothing is left to run
  ASSERT_TRUE(got);
  EXPECT_TRUE(got->empty());
}

TEST(InboundScanTest, CandidateNames) {
  EXPECT_TRUE(detail::is_candidate_name("members.csv"));
  EXPECT_TRUE(detail::is_candidate_name("part.csv"));
  EXPECT_FALSE(detail::is_candidate_name(""));
  EXPECT_FALSE(detail::is_candidate_name(".members.csv"));
  EXPECT_FALSE(detail::is_candidate_name("members.csv.part"));
  EXPECT_FALSE(detail::is_candidate_name(".part"));
}

}  // namespace
}  // namespace msync::imports
