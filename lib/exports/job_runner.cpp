#include "exports/job_runner.hpp"

#include <algorithm>

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/asio/use_awaitable.hpp>

#include <fmt/ranges.h>

namespace msync::exports {
namespace {

namespace asio = boost::asio;
using state::JobState;

// Marketo keeps a finished export's file for 7 days (some pages say 10: plan for 7).
constexpr core::Seconds kFileRetention{7 * 86400};

csv::Format file_format(marketo::ExportFormat format) {
  switch (format) {
    case marketo::ExportFormat::tsv: return csv::Format::tsv;
    case marketo::ExportFormat::ssv: return csv::Format::ssv;
    case marketo::ExportFormat::csv: break;
  }
  return csv::Format::csv;
}

// What a snapshot's manifest names: the list's name or id, or the programs' ids.
std::string snapshot_value(const marketo::ExportFilter& filter) {
  if (filter.type == marketo::FilterType::program_ids) return fmt::format("{}", fmt::join(filter.program_ids, ","));
  return filter.list_name.empty() ? std::to_string(filter.list_id) : filter.list_name;
}

std::optional<std::int64_t> as_int64(const std::optional<std::uint64_t>& value) {
  if (!value) return std::nullopt;
  return static_cast<std::int64_t>(*value);
}

JobState stored_state(marketo::ExportStatus status) {
  switch (status) {
    case marketo::ExportStatus::created: return JobState::created;
    case marketo::ExportStatus::queued: return JobState::queued;
    case marketo::ExportStatus::processing: return JobState::processing;
    case marketo::ExportStatus::completed: return JobState::completed;
    case marketo::ExportStatus::failed: return JobState::failed;
    case marketo::ExportStatus::cancelled: return JobState::cancelled;
  }
  return JobState::failed;
}

}  // namespace

JobRunner::JobRunner(EngineContext& context, const ExportSync& sync, state::LiveJob live,
                     bool reattached)
    : context_(context),
      sync_(sync),
      window_(std::move(live.window)),
      job_id_(live.job.id),
      export_id_(live.job.export_id.value_or("")),
      reattached_(reattached),
      retry_delay_(context.settings.poll_interval) {}

asio::awaitable<void> JobRunner::run() {
  for (;;) {
    auto job = context_.store.get_job(job_id_);
    if (!job) {
      core::logger("exports")->error("{}: cannot read the job: {}", describe(), job.error().message);
      co_return;
    }
    Step step = Step::done;
    switch (job->state) {
      case JobState::intent:
        // An intent found at start-up may or may not have reached Marketo. A job it created then
        // was never enqueued, so it holds no slot and no quota: creating a new one is safe.
        step = co_await create();
        break;
      case JobState::created:
        step = reattached_ ? co_await poll(true) : co_await enqueue();
        break;
      case JobState::queued:
      case JobState::processing:
        step = co_await poll(reattached_);
        break;
      case JobState::completed:
      case JobState::downloading:
        step = co_await download();
        break;
      default:
        co_return;  // staged or final
    }
    reattached_ = false;
    if (step == Step::retry) {
      core::logger("exports")->warn("{}: retrying in {} ms", describe(), retry_delay_.count());
      if (!co_await back_off()) co_return;
      continue;
    }
    if (step != Step::next) co_return;
  }
}

asio::awaitable<JobRunner::Step> JobRunner::create() {
  auto answer = co_await context_.api.create_export(request());
  if (!answer) co_return co_await handle(answer.failure(), "create");
  export_id_ = answer->export_id;
  core::crash_point("export.after_create");  // Marketo has the job, the state does not
  const auto created_at = answer->created_at.value_or(context_.clock.now());
  if (!record(context_.store.set_created(job_id_, export_id_, created_at), "record the new job"))
    co_return Step::retry;
  log_state(JobState::created);
  context_.events.job_created(job_id_);
  retry_delay_ = context_.settings.poll_interval;
  co_return Step::next;
}

asio::awaitable<JobRunner::Step> JobRunner::enqueue() {
  auto answer = co_await context_.api.enqueue_export(sync_.request.entity, export_id_);
  if (!answer) {
    // An enqueue whose answer was lost (a timeout, a cut connection) may have queued the job, and
    // Marketo refuses the repeat: 1029 "Job already queued" while it waits, 1003 once it has left
    // Created. Where the job stands decides, not the refusal: it must neither stop the sync nor
    // wait for a place it already holds.
    const auto& failure = answer.failure();
    if (failure.reason == marketo::Reason::marketo_error &&
        (failure.code == "1003" || failure.message.find("already queued") != std::string::npos)) {
      auto status = co_await context_.api.export_status(sync_.request.entity, export_id_);
      if (!status) co_return co_await handle(status.failure(), "status");
      if (status->status != marketo::ExportStatus::created) {
        core::logger("exports")->info("{} exportId {}: Marketo refused a repeated enqueue ({}), but the job is already {}",
                                      describe(), export_id_, failure.message, marketo::to_string(status->status));
        retry_delay_ = context_.settings.poll_interval;
        co_return apply_status(status.value(), JobState::created);
      }
    }
    co_return co_await handle(failure, "enqueue");
  }
  core::crash_point("export.after_enqueue");  // queued at Marketo, still created here
  state::JobUpdate update;
  update.queued_at = answer->queued_at.value_or(context_.clock.now());
  if (!record(context_.store.set_state(job_id_, JobState::queued, update), "record the enqueue"))
    co_return Step::retry;
  log_state(JobState::queued);
  retry_delay_ = context_.settings.poll_interval;
  co_return Step::next;
}

asio::awaitable<JobRunner::Step> JobRunner::poll(bool at_once) {
  if (!at_once && !co_await wait_to_poll()) co_return Step::park;
  auto answer = co_await context_.api.export_status(sync_.request.entity, export_id_);
  if (!answer) co_return co_await handle(answer.failure(), "status");
  auto job = context_.store.get_job(job_id_);
  if (!job) co_return Step::retry;
  retry_delay_ = context_.settings.poll_interval;
  co_return apply_status(answer.value(), job->state);
}

asio::awaitable<bool> JobRunner::wait_to_poll() {
  // One poll interval; then, while two of ours are ahead of this queued job, it cannot have started,
  // so asking would only spend a call: look again (locally) each interval until one of them leaves
  // processing, or until blocked_poll_interval has passed. The jobs ahead are polled meanwhile, so
  // what the store says of them stays fresh; jobs of other tools only ever delay ours further.
  std::chrono::milliseconds waited{0};
  do {
    const auto interval = context_.events.jittered(context_.settings.poll_interval);
    if (!co_await pause(interval)) co_return false;
    waited += interval;
  } while (waited < context_.settings.blocked_poll_interval && context_.events.waits_behind_our_own(job_id_));
  co_return true;
}

JobRunner::Step JobRunner::apply_status(const marketo::ExportJob& answer, JobState stored) {
  const JobState reported = stored_state(answer.status);
  if (reported == stored) return Step::next;
  state::JobUpdate update;
  update.queued_at = answer.queued_at;
  update.started_at = answer.started_at;
  update.finished_at = answer.finished_at;
  switch (reported) {
    case JobState::created:
      // Never enqueued (a restart between create and enqueue): enqueue it now.
      return Step::next;
    case JobState::queued:
    case JobState::processing:
      if (reported == JobState::queued && stored == JobState::processing) {
        // Marketo's states only move forward; recording this would undo what we know.
        core::logger("exports")->warn("{} exportId {}: export.status answered Queued after Processing: a "
                                      "status that goes backwards is refused; polling on",
                                      describe(), export_id_);
        return Step::next;
      }
      if (!record(context_.store.set_state(job_id_, reported, update), "record the job's progress"))
        return Step::retry;
      log_state(reported);
      return Step::next;
    case JobState::completed: {
      update.number_of_records = as_int64(answer.number_of_records);
      update.file_size = as_int64(answer.file_size);
      update.file_checksum = answer.file_checksum;
      if (!record(context_.store.set_state(job_id_, JobState::completed, update), "record completion"))
        return Step::retry;
      if (answer.file_size)
        (void)record(context_.store.add_export_bytes(context_.clock.now(),
                                                     static_cast<std::int64_t>(*answer.file_size)),
                     "add to the quota ledger");
      log_state(JobState::completed, fmt::format("{} records, {} bytes",
                                                 answer.number_of_records.value_or(0),
                                                 answer.file_size.value_or(0)));
      context_.events.job_left_queue();
      return Step::next;
    }
    case JobState::failed:
      context_.events.job_left_queue();
      return fail_job("Marketo reports the export failed: " + answer.error_msg.value_or("no reason given"),
                      window_exhausted());
    case JobState::cancelled:
      context_.events.job_left_queue();
      (void)record(context_.store.set_state(job_id_, JobState::cancelled, update), "record cancellation");
      log_state(JobState::cancelled, "cancelled outside the daemon; the window will get a new job");
      return Step::done;
    default:
      return Step::next;
  }
}

asio::awaitable<JobRunner::Step> JobRunner::download() {
  auto job = context_.store.get_job(job_id_);
  if (!job) co_return Step::retry;
  const std::string name = file_name(*job);
  // Published before a crash or a failed commit: the file is whole on disk, only the commit is due.
  if (auto done = context_.staging.published(sync_.name, name); done && *done && (**done).export_id == export_id_) {
    auto paths = context_.staging.paths(sync_.name, name);
    if (paths) co_return commit(**done, paths->file);
  }
  staging::PartOptions options;
  options.compression = sync_.compression;
  auto opened = context_.staging.open_part(sync_.name, name, options);
  if (!opened) {
    context_.events.staging_failed(job_id_, opened.error().message);
    co_return co_await retry_later("download", opened.error().message);
  }
  staging::PartFile& part = **opened;
  if (!record(context_.store.record_download(job_id_, part.path().string(),
                                             static_cast<std::int64_t>(part.raw_bytes())),
              "record download progress"))
    co_return Step::retry;
  if (job->state == JobState::completed) log_state(JobState::downloading, part.path().filename().string());

  const std::uint64_t expected_size = static_cast<std::uint64_t>(job->file_size.value_or(-1));
  if (job->file_size) part.limit_to(expected_size);
  if (!job->file_size || part.raw_bytes() < expected_size) {
    auto got = co_await context_.api.download_export(sync_.request.entity, export_id_, part.raw_bytes(), part);
    (void)record(context_.store.record_download(job_id_, part.path().string(),
                                                static_cast<std::int64_t>(part.raw_bytes())),
                 "record download progress");
    if (part.overflowed())
      co_return refuse_download(part, fmt::format("export.file sent more than the {} bytes of the "
                                                  "status's fileSize",
                                                  expected_size));
    if (got && job->file_size && got->file_size && *got->file_size != expected_size)
      co_return refuse_download(part, fmt::format("export.file announced a file of {} bytes but the "
                                                  "status's fileSize is {}",
                                                  *got->file_size, expected_size));
    if (!got) {
      const auto& failure = got.failure();
      using marketo::Reason;
      if (failure.reason == Reason::range_not_satisfiable || failure.reason == Reason::range_mismatch) {
        if (!record(part.restart(), "restart the download")) co_return co_await retry_later("download", "cannot truncate");
        co_return Step::next;
      }
      if (failure.reason == Reason::file_not_available && job->finished_at &&
          context_.clock.now() >= *job->finished_at + kFileRetention) {
        (void)record(context_.store.set_state(job_id_, JobState::expired, {}), "record expiry");
        log_state(JobState::expired, "the file is past Marketo's retention; the window gets a new job");
        co_return Step::done;
      }
      if (failure.reason == Reason::sink_refused) {
        context_.events.staging_failed(job_id_, failure.message);
        co_return co_await retry_later("download", failure.message);
      }
      co_return co_await handle(failure, "download");
    }
    // A cut connection ends the call early without an error from some servers: go round again.
    if (job->file_size && part.raw_bytes() < expected_size) co_return Step::next;
  }
  co_return stage(part, *job, name);
}

JobRunner::Step JobRunner::stage(staging::PartFile& part, const state::Job& job,
                                 const std::string& file_name) {
  staging::ExpectedContent expected;
  if (job.file_size) expected.bytes = static_cast<std::uint64_t>(*job.file_size);
  expected.sha256 = job.file_checksum;
  if (job.number_of_records) expected.records = static_cast<std::uint64_t>(*job.number_of_records);
  if (auto synced = part.sync(); !synced) {
    core::logger("exports")->error("{}: {}", describe(), synced.error().message);
    context_.events.staging_failed(job_id_, synced.error().message);
    return Step::retry;
  }
  if (auto verified = part.verify(expected); !verified) return refuse_download(part, verified.error().message);

  // The manifest says what create.json asked for: the same spec, not a second derivation of it.
  const marketo::ExportSpec asked = request();
  staging::Manifest manifest;
  manifest.sync = sync_.name;
  manifest.entity = marketo::label(asked.entity);
  manifest.file = file_name;
  manifest.filter.type = std::string(marketo::to_string(asked.filter.type));
  if (sync_.windowed()) {
    manifest.filter.start_at = asked.filter.start_at;
    manifest.filter.end_at = asked.filter.end_at;
  } else {
    manifest.filter.value = snapshot_value(asked.filter);
  }
  manifest.export_id = export_id_;
  manifest.format = file_format(sync_.request.format);
  manifest.fields = sync_.request.fields;
  for (const auto& field : sync_.request.fields) {
    auto named = std::find_if(sync_.request.column_header_names.begin(),
                              sync_.request.column_header_names.end(),
                              [&](const auto& pair) { return pair.first == field; });
    manifest.column_headers.push_back(named == sync_.request.column_header_names.end() ? field
                                                                                      : named->second);
  }
  manifest.records = part.records();
  manifest.bytes = part.raw_bytes();
  manifest.sha256 = part.sha256();
  manifest.compression = part.compression();
  manifest.stored_bytes = part.stored_bytes();
  manifest.staged_at = context_.clock.now();

  auto published = context_.staging.publish(manifest);
  if (!published) {
    core::logger("exports")->error("{}: cannot publish: {}", describe(), published.error().message);
    context_.events.staging_failed(job_id_, published.error().message);
    return Step::retry;  // publish is safe to repeat
  }
  return commit(manifest, *published);
}

JobRunner::Step JobRunner::commit(const staging::Manifest& manifest, const std::filesystem::path& published) {
  const std::string& file_name = manifest.file;
  if (auto marked = publish_range_marker(published.string(), manifest.records); !marked) {
    core::logger("exports")->error("{}: cannot write the range marker: {}", describe(), marked.error().message);
    context_.events.staging_failed(job_id_, marked.error().message);
    return Step::retry;  // the file stays published: the retry commits it without downloading again
  }
  context_.events.staging_succeeded(job_id_);
  state::StagedFile staged{published.string(),
                           (published.parent_path() / staging::manifest_file_name(file_name)).string(),
                           static_cast<std::int64_t>(manifest.records),
                           static_cast<std::int64_t>(manifest.bytes), manifest.sha256};
  core::crash_point("export.before_staged_commit");  // published, not yet recorded
  auto watermark = context_.store.mark_staged(job_id_, staged);
  if (!watermark) {
    core::logger("exports")->error("{}: staged {} but cannot record it: {}", describe(), staged.path,
                                   watermark.error().message);
    return Step::retry;
  }
  log_state(JobState::staged, fmt::format("{} ({} records, {} bytes), watermark {}", file_name,
                                          manifest.records, manifest.bytes,
                                          core::format_iso8601(*watermark)));
  return Step::done;
}

core::Status JobRunner::publish_range_marker(const std::string& staged_path, std::uint64_t records) {
  // Before mark_staged: a crash in between stages the window again, which finds the same range
  // and rewrites the same marker, so no completed range ever goes without its marker.
  if (window_.kind == state::WindowKind::snapshot) return {};
  state::WindowFile current{window_, staged_path, static_cast<std::int64_t>(records)};
  std::optional<CompletedRange> range;
  if (window_.kind == state::WindowKind::backfill) {
    auto windows = context_.store.window_files(sync_.name, window_.kind);
    if (!windows) return windows.error();
    range = completed_backfill(*windows, current);
  } else {
    auto watermark = context_.store.watermark(sync_.name);
    if (!watermark) return watermark.error();
    auto windows = context_.store.window_files(sync_.name, window_.kind, *watermark);
    if (!windows) return windows.error();
    range = watermark_advance(*windows, current, *watermark);
  }
  if (!range) return {};
  staging::RangeMarker marker;
  marker.sync = sync_.name;
  marker.kind = std::string(state::to_string(window_.kind));
  marker.from = range->from;
  marker.to = range->to;
  for (const auto& w : range->windows) {
    marker.files.push_back(std::filesystem::path(w.staged_path.value_or("")).filename().string());
    marker.records += static_cast<std::uint64_t>(w.records);
  }
  marker.written_at = context_.clock.now();
  auto written = context_.staging.publish_marker(marker);
  if (!written) return written.error();
  core::logger("exports")->info("sync {}: {} range {}..{} complete ({} files, {} records): {}", sync_.name,
                                marker.kind, core::format_iso8601(marker.from), core::format_iso8601(marker.to),
                                marker.files.size(), marker.records, written->filename().string());
  return {};
}

JobRunner::Step JobRunner::refuse_download(staging::PartFile& part, const std::string& problem) {
  ++verify_failures_;
  core::logger("exports")->warn("{} exportId {}: download does not match Marketo's status ({}); attempt {} of {}",
                                describe(), export_id_, problem, verify_failures_,
                                context_.settings.max_download_attempts);
  if (verify_failures_ >= context_.settings.max_download_attempts)
    return fail_job("the downloaded file never matched Marketo's size/checksum/records: " + problem,
                    window_exhausted());
  return record(part.restart(), "restart the download") ? Step::next : Step::retry;
}

asio::awaitable<JobRunner::Step> JobRunner::handle(const marketo::Failure& failure,
                                                   std::string_view step) {
  using marketo::Action;
  if (failure.reason == marketo::Reason::cancelled) co_return Step::park;
  switch (failure.action) {
    case Action::wait_for_slot:
      core::logger("exports")->info("{}: Marketo's export queue is full ({}); waiting for a slot",
                                    describe(), failure.message);
      context_.events.queue_full();
      co_return Step::park;
    case Action::wait_for_quota_reset:
      core::logger("exports")->warn("{}: {}; pausing until the quota resets", describe(), failure.message);
      context_.events.daily_quota_spent();
      co_return Step::park;
    case Action::fail_job:
      // A refused create or enqueue means the request itself is wrong (1035 filter disabled, 1003
      // bad field): every window of the sync would fail the same way, so the sync stops.
      co_return fail_job(failure.message, step == "create" || step == "enqueue" || window_exhausted());
    case Action::fail_config:
      context_.events.fatal(failure.message);
      co_return Step::park;
    case Action::retry_now:
    case Action::backoff:
    case Action::reauthenticate:
      break;
  }
  co_return co_await retry_later(step, failure.message);
}

asio::awaitable<JobRunner::Step> JobRunner::retry_later(std::string_view step, const std::string& why) {
  core::logger("exports")->warn("{}: {} failed ({}); retrying in {} ms", describe(), step, why,
                                retry_delay_.count());
  co_return co_await back_off() ? Step::next : Step::park;
}

asio::awaitable<bool> JobRunner::back_off() {
  const auto delay = context_.events.jittered(retry_delay_);
  retry_delay_ = std::min(retry_delay_ * 2, context_.settings.max_retry_delay);
  co_return co_await pause(delay);
}

JobRunner::Step JobRunner::fail_job(const std::string& message, bool stop_sync) {
  state::JobUpdate update;
  update.error = message;
  (void)record(context_.store.set_state(job_id_, JobState::failed, update), "record the failure");
  log_state(JobState::failed, message);
  if (stop_sync) {
    (void)record(context_.store.set_sync_error(sync_.name, message), "record the sync's error");
    core::logger("exports")->error("sync {} stopped: {}", sync_.name, message);
  }
  return Step::done;
}

bool JobRunner::window_exhausted() {
  auto window = context_.store.get_window(window_.id);
  return window && window->attempts >= static_cast<std::int64_t>(context_.settings.max_window_attempts);
}

asio::awaitable<bool> JobRunner::pause(std::chrono::milliseconds duration) {
  asio::steady_timer timer(co_await asio::this_coro::executor, duration);
  auto [ec] = co_await timer.async_wait(asio::as_tuple(asio::use_awaitable));
  co_return !ec;
}

std::string JobRunner::file_name(const state::Job& job) const {
  const auto format = file_format(sync_.request.format);
  auto name = sync_.windowed()
                  ? staging::window_file_name(window_.start, marketo_end_at(Window{window_.start, window_.end}),
                                              job.export_id.value_or(""), format, sync_.compression)
                  : staging::snapshot_file_name(window_.start, job.export_id.value_or(""), format,
                                                sync_.compression);
  return name ? *name : std::string{};
}

marketo::ExportSpec JobRunner::request() const {
  return export_spec_for(sync_, window_.start, window_.end, window_.program_id);
}

std::string JobRunner::describe() const {
  if (!sync_.windowed())
    return fmt::format("sync {} snapshot {}{}", sync_.name, core::format_iso8601(window_.start),
                       window_.program_id ? fmt::format(" of program {}", window_.program_id) : "");
  return fmt::format("sync {} window {}..{}", sync_.name, core::format_iso8601(window_.start),
                     core::format_iso8601(marketo_end_at(Window{window_.start, window_.end})));
}

void JobRunner::log_state(JobState state, const std::string& detail) const {
  core::logger("exports")->info("{} exportId {}: {}{}{}", describe(), export_id_.empty() ? "-" : export_id_,
                                state::to_string(state), detail.empty() ? "" : ": ", detail);
}

bool JobRunner::record(const core::Status& status, std::string_view what) {
  if (status) return true;
  core::logger("exports")->error("{}: cannot {}: {}", describe(), what, status.error().message);
  return false;
}

}  // namespace msync::exports
