#include "import_fixture.hpp"

#include <fstream>
#include <sstream>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/steady_timer.hpp>

namespace msync::imports::test {
namespace {

namespace asio = boost::asio;

constexpr auto kGuard = std::chrono::seconds(30);

state::Store open_store(const test_support::TempDir& dir, const core::Clock& clock) {
  auto store = state::Store::open(dir / "state.db", clock);
  if (!store) throw std::runtime_error(store.error().message);
  return std::move(*store);
}

// Re-arms every millisecond until the predicate holds, then stops the engine (see the export
// engine tests for why `finished` is checked too).
void watch(asio::steady_timer& timer, const std::function<bool()>& stop_when, ImportEngine& engine,
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

std::string attendees(int rows, const std::string& marker) {
  std::string text = "firstName,lastName,email,title,company,leadScore\n";
  for (int i = 0; i < rows; ++i) {
    text += "Lead" + std::to_string(i) + ",Stark,lead" + std::to_string(i) + "@stark.example,Stark,House Stark," +
            (marker.empty() ? "0" : marker) + "\n";
  }
  return text;
}

ImportEngineTest::ImportEngineTest() : store_(open_store(dir_, clock_)) {}

ImportSync ImportEngineTest::sync(std::string name) const {
  ImportSync sync;
  sync.inbound_dir = dir_ / "inbound" / name;
  sync.name = std::move(name);
  sync.program_id = 1001;
  sync.program_member_status = "Attended";
  sync.format = csv::Format::csv;
  std::filesystem::create_directories(sync.inbound_dir);
  return sync;
}

ImportSettings ImportEngineTest::settings() const {
  ImportSettings settings;
  settings.poll_interval = std::chrono::milliseconds(2);
  settings.max_retry_delay = std::chrono::milliseconds(8);
  settings.watcher.settle = std::chrono::milliseconds(50);
  settings.stop_grace = std::chrono::milliseconds(2000);
  return settings;
}

std::filesystem::path ImportEngineTest::drop(const ImportSync& sync, const std::string& name,
                                             const std::string& content) const {
  const auto path = sync.inbound_dir / name;
  std::ofstream(path, std::ios::binary) << content;
  std::filesystem::last_write_time(path, std::filesystem::file_time_type::clock::now() - std::chrono::minutes(5));
  return path;
}

ImportSummary ImportEngineTest::run_engine(std::vector<ImportSync> syncs, ImportSettings settings,
                                           std::function<bool()> stop_when) {
  asio::io_context io;
  ImportEngine engine(io.get_executor(), store_, api_, std::move(syncs), std::move(settings), clock_);
  std::optional<ImportSummary> result;
  bool guard_fired = false;
  bool finished = false;
  asio::steady_timer guard(io, kGuard);
  asio::steady_timer watcher(io);
  asio::co_spawn(io, engine.run(true), [&](std::exception_ptr error, ImportSummary summary) {
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
    guard.expires_after(std::chrono::seconds(5));
    guard.async_wait([&](boost::system::error_code again) {
      if (!again) io.stop();
    });
  });
  if (stop_when) watch(watcher, stop_when, engine, finished);
  io.run();
  EXPECT_FALSE(guard_fired) << "the engine did not end on its own within " << kGuard.count() << " s";
  EXPECT_TRUE(result.has_value()) << "run() never completed";
  return result.value_or(ImportSummary{});
}

std::string ImportEngineTest::read(const std::filesystem::path& path) const {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

std::vector<state::ImportBatch> ImportEngineTest::batches() {
  std::vector<state::ImportBatch> all;
  for (std::int64_t id = 1; id <= 200; ++id) {
    auto file = store_.import_batches(state::ImportFileId{id});
    if (file) all.insert(all.end(), file->begin(), file->end());
  }
  return all;
}

}  // namespace msync::imports::test
