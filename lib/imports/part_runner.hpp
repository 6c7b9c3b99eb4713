#pragma once
// One part of a taken file, uploaded as one Marketo batch, as a coroutine that reads top to
// bottom: wait for a place in the queue, record the intent, upload, record the batchId, poll until
// the batch is final, fetch its failures and warnings. The store is the truth: the runner starts
// from the part's latest recorded batch, so a runner stopped at any await (shutdown, crash) is
// carried on by a new one without a second upload of a batch whose batchId is known.
//
// The one case Marketo's API leaves open: an upload whose answer never arrived (the process died
// after sending, or the connection broke). No endpoint lists import batches, so whether Marketo
// took it cannot be asked; the part is uploaded again. A program member import is an upsert
// keyed by email, so the second batch leaves the same members with the same status.
#include <chrono>
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>

#include <boost/asio/awaitable.hpp>

#include "core/core.hpp"
#include "imports/import_results.hpp"
#include "imports/import_slots.hpp"
#include "imports/import_sync.hpp"
#include "marketo/marketo.hpp"
#include "state/state.hpp"

namespace msync::imports {

// What runners tell the engine, and ask of it.
class ImportEvents {
 public:
  virtual ~ImportEvents() = default;
  virtual void fatal(std::string message) = 0;  // credentials or permissions: nothing can succeed
  virtual void uploaded_again() = 0;            // an upload in doubt was sent again
  virtual std::chrono::milliseconds jittered(std::chrono::milliseconds interval) = 0;
  // The batch is queued behind two of ours in Marketo's FIFO queue: it cannot be importing yet.
  virtual bool waits_behind_our_own(state::ImportBatchId batch) = 0;
};

struct ImportContext {
  state::Store& store;
  marketo::ImportApi& api;
  const core::Clock& clock;
  const ImportSettings& settings;
  ImportSlots& slots;
  ImportEvents& events;
};

struct PartJob {
  state::ImportFile file;
  const ImportSync* sync = nullptr;
  std::int64_t part = 0;             // 0-based
  std::filesystem::path path;        // the part's bytes
  std::filesystem::path work_dir;    // where its failures / warnings files go
};

class PartRunner {
 public:
  PartRunner(ImportContext& context, PartJob job);
  ~PartRunner();

  // The part's result once its batch is final; nullopt when stopped or when the run cannot go on
  // (fatal): the part stays resumable.
  boost::asio::awaitable<std::optional<PartResult>> run();

 private:
  enum class Step { next, stopped, done };

  boost::asio::awaitable<Step> upload();
  boost::asio::awaitable<Step> poll(const state::ImportBatch& batch);
  boost::asio::awaitable<std::optional<PartResult>> results(const state::ImportBatch& batch);
  boost::asio::awaitable<std::optional<std::filesystem::path>> fetch(std::int64_t batch_id,
                                                                     bool failures);
  boost::asio::awaitable<Step> after_upload_failure(state::ImportBatchId intent,
                                                    const marketo::Failure& failure);
  // Records what a status answer says; false when the store refused.
  bool apply_status(state::ImportBatchId id, state::ImportState stored,
                    const marketo::ImportBatchInfo& info);
  core::Result<std::optional<state::ImportBatch>> latest_batch();
  core::Result<std::string> read_part() const;
  PartResult result_of(const state::ImportBatch& batch) const;

  void hold_slot();
  void release_slot();
  boost::asio::awaitable<bool> pause(std::chrono::milliseconds duration);
  boost::asio::awaitable<bool> wait_to_poll(state::ImportBatchId batch);
  boost::asio::awaitable<bool> back_off();
  bool record(const core::Status& status, std::string_view what);
  std::string describe() const;  // "import webinar file a.csv part 1/3": for logs

  ImportContext& context_;
  PartJob job_;
  bool holds_slot_ = false;
  bool stopped_ = false;  // a fetch ended because of a stop or a fatal failure
  std::chrono::milliseconds retry_delay_;
  std::chrono::steady_clock::time_point wait_until_{};  // quota reset, 1016 pause
};

}  // namespace msync::imports
