#include "imports/part_runner.hpp"

#include <fmt/format.h>

#include <array>
#include <cstring>
#include <fstream>
#include <sstream>

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/asio/use_awaitable.hpp>

#include "imports/string_sink.hpp"
#include "staging/staging.hpp"

namespace msync::imports {
namespace {

namespace asio = boost::asio;
using state::ImportState;

std::int64_t number(state::ImportFileId id) { return static_cast<std::int64_t>(id); }

}  // namespace

PartRunner::PartRunner(ImportContext& context, PartJob job)
    : context_(context), job_(std::move(job)), retry_delay_(context.settings.poll_interval) {}

PartRunner::~PartRunner() { release_slot(); }

asio::awaitable<std::optional<PartResult>> PartRunner::run() {
  for (;;) {
    auto latest = latest_batch();
    if (!latest) {
      if (!co_await back_off()) co_return std::nullopt;
      continue;
    }
    Step step = Step::next;
    const std::optional<state::ImportBatch>& batch = *latest;
    if (!batch || batch->state == ImportState::cancelled) {
      step = co_await upload();
    } else if (batch->state == ImportState::intent) {
      // Recorded before an upload whose answer was never recorded: see the header.
      core::logger("imports")->warn("{}: the upload's outcome is unknown (stopped before Marketo's "
                                    "answer was recorded); uploading it again",
                                    describe());
      state::ImportUpdate update;
      update.message = "upload outcome unknown after a restart; uploaded again";
      if (!record(context_.store.set_import_state(batch->id, ImportState::cancelled, update),
                  "give up the upload in doubt")) {
        if (!co_await back_off()) co_return std::nullopt;
        continue;
      }
      context_.events.uploaded_again();
    } else if (batch->state == ImportState::queued || batch->state == ImportState::importing) {
      hold_slot();
      step = co_await poll(*batch);
    } else if (batch->state == ImportState::complete) {
      release_slot();
      co_return co_await results(*batch);
    } else {
      release_slot();
      co_return result_of(*batch);
    }
    if (step == Step::stopped) co_return std::nullopt;
  }
}

core::Result<std::optional<state::ImportBatch>> PartRunner::latest_batch() {
  auto batches = context_.store.import_batches(job_.file.id);
  if (!batches) {
    core::logger("imports")->error("{}: {}", describe(), batches.error().message);
    return batches.error();
  }
  std::optional<state::ImportBatch> latest;
  for (auto& batch : *batches) {
    if (batch.part == job_.part) latest = std::move(batch);  // ordered by part, then id
  }
  return latest;
}

asio::awaitable<PartRunner::Step> PartRunner::upload() {
  const auto now = std::chrono::steady_clock::now();
  if (now < wait_until_ && !co_await pause(std::chrono::duration_cast<std::chrono::milliseconds>(wait_until_ - now)))
    co_return Step::stopped;
  if (!holds_slot_) {
    if (!co_await context_.slots.acquire()) co_return Step::stopped;
    holds_slot_ = true;
  }
  auto intent = context_.store.record_import_intent(job_.file.id, job_.part, job_.path.string());
  if (!intent) {
    core::logger("imports")->error("{}: {}", describe(), intent.error().message);
    co_return co_await back_off() ? Step::next : Step::stopped;
  }
  auto content = read_part();
  if (!content) {
    state::ImportUpdate update;
    update.message = content.error().message;
    (void)record(context_.store.set_import_state(*intent, ImportState::failed, update), "record the failure");
    core::logger("imports")->error("{}: {}", describe(), content.error().message);
    co_return Step::next;
  }
  marketo::ImportUpload upload;
  upload.program_id = job_.sync->program_id;
  upload.format = std::string(csv::marketo_name(job_.sync->format));
  upload.program_member_status = job_.sync->program_member_status;
  upload.file_name = job_.path.filename().string();
  upload.content = std::move(content.value());

  // Once sent, an upload is seen through even on shutdown: cut short, its outcome is unknown.
  co_await asio::this_coro::reset_cancellation_state(asio::disable_cancellation());
  auto answer = co_await context_.api.import_program_members(std::move(upload));
  co_await asio::this_coro::reset_cancellation_state();
  if (!answer) co_return co_await after_upload_failure(*intent, answer.failure());

  const auto& batch = answer.value();
  core::crash_point("import.after_upload");
  if (!record(context_.store.set_import_queued(*intent, batch.batch_id), "record the batchId")) {
    co_return co_await back_off() ? Step::next : Step::stopped;
  }
  core::logger("imports")->info("{}: batch {} {}", describe(), batch.batch_id, marketo::to_string(batch.status));
  if (batch.status != marketo::ImportStatus::queued) (void)apply_status(*intent, ImportState::queued, batch);
  retry_delay_ = context_.settings.poll_interval;
  co_return Step::next;
}

asio::awaitable<PartRunner::Step> PartRunner::after_upload_failure(state::ImportBatchId intent,
                                                                    const marketo::Failure& failure) {
  using marketo::Action;
  auto log = core::logger("imports");
  state::ImportUpdate update;
  update.message = failure.message;
  switch (failure.action) {
    case Action::wait_for_slot:
      (void)record(context_.store.set_import_state(intent, ImportState::cancelled, update), "record the refusal");
      log->info("{}: Marketo's import queue is full ({}); waiting for a place", describe(), failure.message);
      release_slot();
      context_.slots.queue_full(context_.settings.poll_interval);
      co_return Step::next;
    case Action::wait_for_quota_reset: {
      (void)record(context_.store.set_import_state(intent, ImportState::cancelled, update), "record the refusal");
      release_slot();
      const auto now = context_.clock.now();
      const auto reset = core::next_us_central_midnight(now);
      log->warn("{}: {}; waiting for the daily reset at {}", describe(), failure.message, core::format_iso8601(reset));
      wait_until_ = std::chrono::steady_clock::now() + (reset - now);
      co_return Step::next;
    }
    case Action::fail_config:
      (void)record(context_.store.set_import_state(intent, ImportState::cancelled, update), "record the refusal");
      context_.events.fatal(failure.message);
      co_return Step::stopped;
    case Action::fail_job:
      (void)record(context_.store.set_import_state(intent, ImportState::failed, update), "record the failure");
      log->error("{}: upload refused: {}", describe(), failure.message);
      co_return Step::next;
    case Action::backoff:
    case Action::retry_now:
    case Action::reauthenticate:  // not handed out by RestApi (it retries once, then says backoff)
      break;
  }
  const bool in_doubt = failure.reason == marketo::Reason::transport ||
                        failure.reason == marketo::Reason::malformed_answer ||
                        failure.reason == marketo::Reason::cancelled;
  if (failure.reason == marketo::Reason::cancelled) co_return Step::stopped;  // the intent stays in doubt
  update.message = in_doubt ? "no usable answer to the upload (outcome unknown): " + failure.message
                            : failure.message;
  (void)record(context_.store.set_import_state(intent, ImportState::cancelled, update), "record the retry");
  log->warn("{}: {}; uploading again later", describe(), *update.message);
  if (in_doubt) context_.events.uploaded_again();
  co_return co_await back_off() ? Step::next : Step::stopped;
}

asio::awaitable<PartRunner::Step> PartRunner::poll(const state::ImportBatch& batch) {
  using marketo::Action;
  if (!co_await wait_to_poll(batch.id)) co_return Step::stopped;
  const std::int64_t batch_id = batch.batch_id.value_or(0);
  auto answer = co_await context_.api.import_status(batch_id);
  if (!answer) {
    const auto& failure = answer.failure();
    if (failure.reason == marketo::Reason::cancelled) co_return Step::stopped;
    if (failure.action == Action::fail_config) {
      context_.events.fatal(failure.message);
      co_return Step::stopped;
    }
    if (failure.action == Action::fail_job) {
      state::ImportUpdate update;
      update.message = fmt::format("batch {}: {}", batch_id, failure.message);
      (void)record(context_.store.set_import_state(batch.id, ImportState::failed, update), "record the failure");
      core::logger("imports")->error("{}: {}", describe(), *update.message);
      co_return Step::next;
    }
    core::logger("imports")->warn("{}: status of batch {}: {}", describe(), batch_id, failure.message);
    co_return co_await back_off() ? Step::next : Step::stopped;
  }
  retry_delay_ = context_.settings.poll_interval;
  apply_status(batch.id, batch.state, answer.value());
  co_return Step::next;
}

asio::awaitable<bool> PartRunner::wait_to_poll(state::ImportBatchId batch) {
  // One poll interval; then, while two of ours are ahead of this queued batch, asking would only
  // spend a call: look again (locally) each interval until one of them is done, or until
  // blocked_poll_interval has passed (in case Marketo does not keep to its FIFO order). The
  // batches ahead are polled meanwhile, so what the store says of them stays fresh.
  std::chrono::milliseconds waited{0};
  do {
    const auto interval = context_.events.jittered(context_.settings.poll_interval);
    if (!co_await pause(interval)) co_return false;
    waited += interval;
  } while (waited < context_.settings.blocked_poll_interval && context_.events.waits_behind_our_own(batch));
  co_return true;
}

bool PartRunner::apply_status(state::ImportBatchId id, ImportState stored,
                              const marketo::ImportBatchInfo& info) {
  ImportState reported = ImportState::queued;
  switch (info.status) {
    case marketo::ImportStatus::queued: reported = ImportState::queued; break;
    case marketo::ImportStatus::importing: reported = ImportState::importing; break;
    case marketo::ImportStatus::complete: reported = ImportState::complete; break;
    case marketo::ImportStatus::failed: reported = ImportState::failed; break;
  }
  if (reported == stored || (reported == ImportState::queued && stored == ImportState::importing)) return true;
  state::ImportUpdate update;
  update.leads_processed = info.leads_processed;
  update.rows_failed = info.rows_failed;
  update.rows_with_warning = info.rows_with_warning;
  if (!info.message.empty()) update.message = info.message;
  if (!record(context_.store.set_import_state(id, reported, update), "record the batch's state")) return false;
  core::logger("imports")->info("{}: batch {} {}{}{}", describe(), info.batch_id, state::to_string(reported),
                                info.message.empty() ? "" : ": ", info.message);
  return true;
}

asio::awaitable<std::optional<PartResult>> PartRunner::results(const state::ImportBatch& batch) {
  PartResult result = result_of(batch);
  const std::int64_t batch_id = batch.batch_id.value_or(0);
  const std::array<bool, 2> kinds{true, false};
  for (const bool failures : kinds) {
    const std::int64_t rows = failures ? result.rows_failed : result.rows_with_warning;
    if (rows <= 0) continue;
    auto fetched = co_await fetch(batch_id, failures);
    if (stopped_) co_return std::nullopt;
    if (!fetched) {
      result.message += fmt::format("{}the {} file could not be fetched", result.message.empty() ? "" : "; ",
                                    failures ? "failures" : "warnings");
      continue;
    }
    (failures ? result.failures_file : result.warnings_file) = *fetched;
  }
  co_return result;
}

asio::awaitable<std::optional<std::filesystem::path>> PartRunner::fetch(std::int64_t batch_id, bool failures) {
  const auto kind = failures ? "failures" : "warnings";
  const auto path = job_.work_dir / fmt::format("{}-{:03}.{}", kind, job_.part + 1, csv::extension(job_.sync->format));
  std::error_code ec;
  if (std::filesystem::exists(path, ec)) co_return path;  // fetched before a restart
  for (unsigned attempt = 1; attempt <= context_.settings.max_fetch_attempts; ++attempt) {
    StringSink sink;
    auto answer = failures ? co_await context_.api.import_failures(batch_id, sink)
                           : co_await context_.api.import_warnings(batch_id, sink);
    if (answer) {
      if (auto st = staging::replace_file_durably(path, sink.text()); !st) {
        core::logger("imports")->error("{}: {}", describe(), st.error().message);
        if (!co_await back_off()) break;
        continue;
      }
      co_return path;
    }
    const auto& failure = answer.failure();
    if (failure.reason == marketo::Reason::cancelled) break;
    core::logger("imports")->warn("{}: {} of batch {}: {}", describe(), kind, batch_id, failure.message);
    if (failure.action == marketo::Action::fail_config) {
      context_.events.fatal(failure.message);
      break;
    }
    if (failure.action == marketo::Action::fail_job) co_return std::nullopt;
    if (!co_await back_off()) break;
  }
  stopped_ = true;
  co_return std::nullopt;
}

core::Result<std::string> PartRunner::read_part() const {
  std::ifstream in(job_.path, std::ios::binary);
  std::ostringstream bytes;
  if (in) bytes << in.rdbuf();
  if (!in || in.bad()) {
    return core::make_error(fmt::format("cannot read part {}: {}", job_.path.string(), std::strerror(errno)),
                            core::ErrorKind::permanent);
  }
  return std::move(bytes).str();
}

PartResult PartRunner::result_of(const state::ImportBatch& batch) const {
  PartResult result;
  result.part = job_.part;
  result.batch_id = batch.batch_id;
  result.status = batch.state == ImportState::complete ? "Complete" : "Failed";
  result.leads_processed = batch.leads_processed.value_or(0);
  result.rows_failed = batch.rows_failed.value_or(0);
  result.rows_with_warning = batch.rows_with_warning.value_or(0);
  result.message = batch.message.value_or("");
  return result;
}

void PartRunner::hold_slot() {
  if (holds_slot_) return;
  context_.slots.occupy();
  holds_slot_ = true;
}

void PartRunner::release_slot() {
  if (!holds_slot_) return;
  context_.slots.release();
  holds_slot_ = false;
}

asio::awaitable<bool> PartRunner::pause(std::chrono::milliseconds duration) {
  asio::steady_timer timer(co_await asio::this_coro::executor, duration);
  auto [ec] = co_await timer.async_wait(asio::as_tuple(asio::use_awaitable));
  co_return !ec;
}

asio::awaitable<bool> PartRunner::back_off() {
  const auto delay = context_.events.jittered(retry_delay_);
  retry_delay_ = std::min(retry_delay_ * 2, context_.settings.max_retry_delay);
  co_return co_await pause(delay);
}

bool PartRunner::record(const core::Status& status, std::string_view what) {
  if (status) return true;
  core::logger("imports")->error("{}: cannot {}: {}", describe(), what, status.error().message);
  return false;
}

std::string PartRunner::describe() const {
  return fmt::format("import {} file {} (#{}) part {}/{}", job_.sync->name, job_.file.source, number(job_.file.id),
                     job_.part + 1, job_.file.parts.value_or(1));
}

}  // namespace msync::imports
