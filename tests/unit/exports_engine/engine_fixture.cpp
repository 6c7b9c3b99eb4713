#include "engine_fixture.hpp"

#include <fstream>
#include <sstream>

#include <boost/asio/io_context.hpp>

#include "support/engine_run.hpp"

namespace msync::exports::test {
namespace {

namespace asio = boost::asio;

constexpr auto kGuard = std::chrono::seconds(20);

}  // namespace

core::Timestamp at(const char* iso) { return *core::parse_iso8601(iso); }

EngineTest::EngineTest() : store_(test_support::open_store(dir_, clock_)) {}

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
  return test_support::run_to_the_end<RunSummary>(io, engine, kGuard, stop_when);
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
