#include "import_fixture.hpp"

#include <fstream>
#include <sstream>

#include <boost/asio/io_context.hpp>

#include "support/engine_run.hpp"

namespace msync::imports::test {
namespace {

namespace asio = boost::asio;

constexpr auto kGuard = std::chrono::seconds(30);

}  // namespace

std::string attendees(int rows, const std::string& marker) {
  std::string text = "firstName,lastName,email,title,company,leadScore\n";
  for (int i = 0; i < rows; ++i) {
    text += "Lead" + std::to_string(i) + ",Stark,lead" + std::to_string(i) + "@stark.example,Stark,House Stark," +
            (marker.empty() ? "0" : marker) + "\n";
  }
  return text;
}

ImportEngineTest::ImportEngineTest() : store_(test_support::open_store(dir_, clock_)) {}

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
  return test_support::run_to_the_end<ImportSummary>(io, engine, kGuard, stop_when);
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
