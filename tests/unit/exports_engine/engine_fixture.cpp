#include "engine_fixture.hpp"

#include <fstream>
#include <sstream>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/steady_timer.hpp>

namespace msync::exports::test {
namespace {

namespace asio = boost::asio;

constexpr auto kGuard = std::chrono::seconds(20);

state::Store open_store(const test_support::TempDir& dir, const core::Clock& clock) {
  auto store = state::Store::open(dir / "state.db", clock);
  if (!store) throw std::runtime_error(store.error().message);
  return std::move(*store);
}

// Re-arms every millisecond until the predicate holds, then stops the engine. It also stops once
// run() has finished: cancelling the timer is not enough, because a wait that has already
// completed still runs its handler with success, which would re-arm it forever.
void watch(asio::steady_timer& timer, const std::function<bool()>& stop_when, ExportEngine& engine,
           const bool& finished) {
  timer.expires_after(std::chrono::milliseconds(1));
  timer.async_wait([&timer, &stop_when, &engine, &finished](boost::system::error_code ec) {
    if (ec || finished) return;
    if (stop_when()) {
      engine.stop();
      return;
    }
    watch(timer, stop_when, engine, finished);
  });
}

}  // namespace

core::Timestamp at(const char* iso) { return *core::parse_iso8601(iso); }

EngineTest::EngineTest() : store_(open_store(dir_, clock_)) {}

ExportSync EngineTest::daily_sync(std::string name, const char* start, std::vector<std::string> fields) {
  ExportSync sync;
  sync.name = std::move(name);
  sync.request.fields = std::move(fields);
  sync.request.filter.type = marketo::FilterType::created_at;
  sync.windows = IncrementalPolicy{at(start), std::chrono::days(1), core::Seconds(0)};
  sync.next_run_after = [](core::Timestamp t) { return t + std::chrono::hours(1); };
  return sync;
}

EngineSettings EngineTest::settings() const {
  EngineSettings settings;
  settings.staging_dir = dir_ / "staging";
  settings.poll_interval = std::chrono::milliseconds(2);
  settings.max_retry_delay = std::chrono::milliseconds(8);
  settings.stop_grace = std::chrono::milliseconds(2000);
  return settings;
}

RunSummary EngineTest::run_engine(std::vector<ExportSync> syncs, EngineSettings settings,
                                  std::function<bool()> stop_when) {
  asio::io_context io;
  ExportEngine engine(io.get_executor(), store_, api_, std::move(syncs), std::move(settings), clock_);
  std::optional<RunSummary> result;
  bool guard_fired = false;
  asio::steady_timer guard(io, kGuard);
  asio::steady_timer watcher(io);
  bool finished = false;
  asio::co_spawn(io, engine.run(true), [&](std::exception_ptr error, RunSummary summary) {
    finished = true;
    guard.cancel();
    watcher.cancel();
    if (error) std::rethrow_exception(error);
    result = std::move(summary);
  });
  guard.async_wait([&](boost::system::error_code ec) {
    if (ec) return;
    guard_fired = true;
    engine.stop();
    // If even stop() cannot end run(), fail instead of hanging the test run.
    guard.expires_after(std::chrono::seconds(5));
    guard.async_wait([&](boost::system::error_code again) {
      if (!again) io.stop();
    });
  });
  if (stop_when) watch(watcher, stop_when, engine, finished);
  io.run();
  EXPECT_FALSE(guard_fired) << "the engine did not end on its own within " << kGuard.count() << " s";
  EXPECT_TRUE(result.has_value()) << "run() never completed";
  return result.value_or(RunSummary{});
}

std::vector<state::Job> EngineTest::jobs_of(const std::string& sync) {
  std::vector<state::Job> result;
  for (const auto& window : windows_of(sync)) {
    for (std::int64_t id = 1;; ++id) {
      auto job = store_.get_job(state::JobId{id});
      if (!job) break;
      if (job->window == window.id) result.push_back(*job);
    }
  }
  return result;
}

std::vector<state::Window> EngineTest::windows_of(const std::string& sync) {
  std::vector<state::Window> result;
  for (std::int64_t id = 1;; ++id) {
    auto window = store_.get_window(state::WindowId{id});
    if (!window) break;
    if (window->sync == sync) result.push_back(*window);
  }
  return result;
}

std::string EngineTest::read(const std::filesystem::path& path) const {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream content;
  content << in.rdbuf();
  return content.str();
}

}  // namespace msync::exports::test
