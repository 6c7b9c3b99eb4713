#pragma once
// The import engine: takes complete files from the inbound directories, validates them (a bad
// file is rejected with its reason before anything is sent), splits them below Marketo's 10 MB,
// runs one PartRunner per part within the queue's places, and publishes each file's results once
// all its parts are final. At start-up it carries on with the files a previous run left
// unfinished. One io_context, one thread; the store is the truth.
#include <chrono>
#include <cstdint>
#include <deque>
#include <filesystem>
#include <map>
#include <memory>
#include <optional>
#include <random>
#include <string>
#include <vector>

#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/awaitable.hpp>
#include <boost/asio/cancellation_signal.hpp>
#include <boost/asio/steady_timer.hpp>

#include "imports/field_cache.hpp"
#include "imports/file_splitter.hpp"
#include "imports/import_paths.hpp"
#include "imports/import_slots.hpp"
#include "imports/import_sync.hpp"
#include "imports/inbound_watcher.hpp"
#include "imports/part_runner.hpp"

namespace msync::imports {

struct ImportSummary {
  std::optional<std::string> fatal;   // credentials / permissions, or the inbound dirs: stopped
  unsigned completed = 0;             // files whose every part is Complete
  unsigned failed = 0;                // files with a part Failed or refused
  unsigned rejected = 0;              // files refused before upload
  std::vector<std::string> problems;  // "import: file: why" for each failed or rejected file
};

class ImportEngine final : private ImportEvents {
 public:
  ImportEngine(boost::asio::any_io_executor executor, state::Store& store, marketo::ImportApi& api,
               std::vector<ImportSync> syncs, ImportSettings settings, const core::Clock& clock);
  ~ImportEngine() override;

  // Runs until stop(), or with once until every file present at the start (or settling then) is
  // imported and its results written. Every runner has ended when it returns.
  boost::asio::awaitable<ImportSummary> run(bool once);

  // No new files; in-flight polls are cancelled (uploads are seen through) and every part stays
  // resumable.
  void stop();

  // Files taken and not yet finished, and what the queue holds, for status lines.
  std::size_t files_in_flight() const { return files_.size(); }
  unsigned batches_in_queue() const { return slots_.held(); }
  // Uploads sent again because their first outcome was unknown (see part_runner.hpp).
  std::uint64_t uploads_in_doubt() const { return uploaded_again_; }

 private:
  struct TakenFile {
    state::ImportFile record;
    const ImportSync* sync = nullptr;
    std::filesystem::path source;  // in the work folder
    std::vector<FilePart> parts;
    std::vector<std::optional<PartResult>> results;
    unsigned running = 0;
    bool interrupted = false;  // a part stopped without a result: finish on a later run
  };
  struct ActivePart {
    std::unique_ptr<PartRunner> runner;
    boost::asio::cancellation_signal cancel;
  };

  boost::asio::awaitable<void> watch();
  boost::asio::awaitable<void> take_ready();
  void take(const InboundFile& file, const FieldCatalog& fields);
  void reject(const ImportSync& sync, const std::filesystem::path& file, const std::string& reason);
  void resume();
  void resume_file(state::ImportFile record);
  // `plan`: where the validation just made says to cut the file; none on a resume.
  void start_file(state::ImportFile record, const ImportSync& sync, std::filesystem::path source,
                  const std::optional<PartPlan>& plan = std::nullopt);
  void spawn_part(TakenFile& file, std::size_t part);
  void part_ended(std::int64_t file_id, std::size_t part, std::optional<PartResult> result);
  void finish_file(TakenFile& file);
  void count_problem(const TakenFile& file, const std::string& why, bool rejected);
  const ImportSync* find_sync(const std::string& name) const;
  bool drained() const;
  boost::asio::awaitable<void> sleep(std::chrono::milliseconds longest);
  void wake();

  // ImportEvents
  void fatal(std::string message) override;
  void uploaded_again() override { ++uploaded_again_; }
  std::chrono::milliseconds jittered(std::chrono::milliseconds interval) override;
  bool waits_behind_our_own(state::ImportBatchId batch) override;

  boost::asio::any_io_executor executor_;
  state::Store& store_;
  std::vector<ImportSync> syncs_;
  ImportSettings settings_;
  const core::Clock& clock_;
  ImportSlots slots_;
  ImportContext context_;
  FieldCache fields_;
  InboundWatcher watcher_;
  boost::asio::steady_timer wake_timer_;
  bool woken_ = false;
  bool stopping_ = false;
  bool watching_ = false;
  bool names_unchecked_ = false;  // describe is not allowed: Marketo checks the header itself
  std::optional<std::string> fatal_;
  std::deque<InboundFile> ready_;
  std::map<std::int64_t, TakenFile> files_;
  std::map<std::pair<std::int64_t, std::size_t>, std::unique_ptr<ActivePart>> parts_;
  ImportSummary summary_;
  std::uint64_t uploaded_again_ = 0;
  std::mt19937 random_;
};

}  // namespace msync::imports
