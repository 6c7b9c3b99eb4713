#include "exports/export_engine.hpp"

#include <algorithm>

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/bind_cancellation_slot.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/use_awaitable.hpp>

#include <fmt/ranges.h>

#include "exports/queue_order.hpp"
#include "exports/round_robin.hpp"

namespace msync::exports {
namespace {

namespace asio = boost::asio;
using state::JobState;

// The engine looks again at least this often even when nothing wakes it.
constexpr auto kLongestSleep = std::chrono::minutes(5);

bool needs_slot(JobState state) { return state == JobState::intent || state == JobState::created; }

}  // namespace

ExportEngine::ExportEngine(asio::any_io_executor executor, state::Store& store, marketo::Api& api,
                           std::vector<ExportSync> syncs, EngineSettings settings,
                           const core::Clock& clock)
    : executor_(executor),
      store_(store),
      syncs_(std::move(syncs)),
      settings_(std::move(settings)),
      clock_(clock),
      staging_(settings_.staging_dir),
      context_{store_, api, staging_, clock_, settings_, *this},
      budget_(settings_.max_queued),
      wake_timer_(executor),
      random_(std::random_device{}()) {}

ExportEngine::~ExportEngine() = default;

asio::awaitable<RunSummary> ExportEngine::run(bool once) {
  auto log = core::logger("exports");
  if (auto prepared = prepare_syncs(); !prepared) {
    RunSummary failed;
    failed.fatal = prepared.error().message;
    co_return failed;
  }
  // Re-attach to what a previous run left live: by exportId, never a second job for a window.
  if (auto live = store_.live_jobs()) {
    for (auto& job : *live) {
      if (!find_sync(job.window.sync)) {
        log->warn("job {} belongs to sync {}, which is no longer configured; left as it is",
                  static_cast<std::int64_t>(job.job.id), job.window.sync);
        continue;
      }
      if (needs_slot(job.job.state)) continue;  // waits for a place like new work
      log->info("re-attaching to exportId {} ({}) of sync {}", job.job.export_id.value_or("-"),
                state::to_string(job.job.state), job.window.sync);
      spawn(std::move(job), false);
    }
  } else {
    RunSummary failed;
    failed.fatal = live.error().message;
    co_return failed;
  }

  plan_due(clock_.now());
  std::optional<std::string> staging_error;  // kept here: stopping the runners forgets their failures
  while (!stopping_) {
    const auto now = clock_.now();
    if (!once) plan_due(now);
    if (reconcile_due_ || (budget_.unlisted() > 0 &&
                           std::chrono::steady_clock::now() - reconciled_at_ >= settings_.poll_interval))
      co_await reconcile();
    fill_queue(now);
    if (fatal_) break;
    if (once && drained()) break;
    if (once && staging_given_up()) {
      log->error("staging_dir refused {} attempts of a job in a row; ending this run (every job resumes on the "
                 "next): {}",
                 settings_.once_staging_attempts, staging_problem_);
      staging_error = staging_problem_;
      break;
    }
    co_await sleep(until_next_event(clock_.now()));
  }

  // Structured stop: cancel every runner, then wait for each to leave its job resumable.
  for (auto& [id, active] : active_) active->cancel.emit(asio::cancellation_type::terminal);
  const auto deadline = std::chrono::steady_clock::now() + settings_.stop_grace;
  while (!active_.empty()) {
    woken_ = false;
    co_await sleep(std::chrono::milliseconds(100));
    if (std::chrono::steady_clock::now() > deadline) {
      log->warn("{} job step(s) still ending after the stop grace period", active_.size());
      break;
    }
  }
  co_return summary(clock_.now(), std::move(staging_error));
}

void ExportEngine::stop() {
  stopping_ = true;
  wake();
}

core::Status ExportEngine::prepare_syncs() {
  for (const auto& sync : syncs_) {
    const auto kind = sync.windowed() ? state::SyncKind::incremental : state::SyncKind::snapshot;
    const auto start = sync.windowed() ? sync.windows->start : clock_.now();
    auto stored = store_.ensure_sync(sync.name, kind, start);
    if (!stored) return stored.error();
    // A sync stopped by a permanent failure (1035, 1003, a window failing every attempt) stays
    // stopped for the rest of the run; a restart or reload, usually after the operator changed
    // something, tries it again, and the same failure stops it again after one job.
    if (stored->error) {
      core::logger("exports")->warn("sync {}: trying again after it was stopped: {}", sync.name, *stored->error);
      if (auto cleared = store_.clear_sync_error(sync.name); !cleared) return cleared.error();
    }
    if (sync.windowed() && stored->start != sync.windows->start)
      core::logger("exports")->warn(
          "sync {}: start is {} in the configuration but {} in the state; the state's is kept "
          "(use backfill for earlier data)",
          sync.name, core::format_iso8601(sync.windows->start), core::format_iso8601(stored->start));
  }
  return {};
}

asio::awaitable<void> ExportEngine::reconcile() {
  reconcile_due_ = false;
  reconciled_at_ = std::chrono::steady_clock::now();
  // Built before the co_await: GCC 12 cannot keep an initializer list alive across one.
  std::vector<marketo::ExportStatus> holding_places;
  holding_places.push_back(marketo::ExportStatus::queued);
  holding_places.push_back(marketo::ExportStatus::processing);
  // Every bulk export type draws on the one queue, but each lists only its own jobs: ask each
  // entity the syncs export.
  std::vector<marketo::ExportJob> listed;
  for (const marketo::ExportEntity& entity : entities()) {
    auto jobs = co_await context_.api.list_exports(entity, holding_places);
    if (!jobs) {
      core::logger("exports")->warn("cannot list Marketo's {} export jobs ({}); counting only our own",
                                    marketo::label(entity), jobs.failure().message);
      co_return;
    }
    for (auto& job : jobs.value()) listed.push_back(std::move(job));
  }
  auto live = store_.live_jobs();
  if (!live) co_return;
  std::set<std::string> ours;
  for (const auto& job : *live)
    if (job.job.export_id) ours.insert(*job.job.export_id);
  std::vector<std::string> unlisted;
  for (const auto& job : listed)
    if (!ours.count(job.export_id)) unlisted.push_back(job.export_id);
  if (unlisted.size() != budget_.unlisted()) {
    const std::string ids = fmt::format("{}", fmt::join(unlisted, ", "));
    core::logger("exports")->info(
        "{} export job(s) of this API user that the daemon did not start hold places in Marketo's queue {}",
        unlisted.size(), ids);
  }
  budget_.set_unlisted(static_cast<unsigned>(unlisted.size()));
}

void ExportEngine::plan_due(core::Timestamp now) {
  auto log = core::logger("exports");
  for (const auto& sync : syncs_) {
    auto due = next_plan_.find(sync.name);
    if (due != next_plan_.end() && due->second > now) continue;
    bool again = false;
    std::vector<state::WindowSpec> specs;
    if (sync.windowed()) {
      auto until = store_.planned_until(sync.name);
      if (!until) { log->error("sync {}: {}", sync.name, until.error().message); continue; }
      auto plan = plan_incremental(*sync.windows, *until, now);
      if (!plan) { log->error("sync {}: {}", sync.name, plan.error().message); continue; }
      for (const auto& w : plan->windows) specs.push_back({state::WindowKind::incremental, w.start, w.end});
      again = plan->truncated;
    } else {
      auto last = store_.last_snapshot_at(sync.name);
      if (!last) { log->error("sync {}: {}", sync.name, last.error().message); continue; }
      if (!*last || sync.next_run_after(**last) <= now)
        for (const std::int64_t program : snapshot_programs(sync))
          specs.push_back({state::WindowKind::snapshot, now, now, program});
    }
    if (!specs.empty()) {
      if (auto added = store_.add_windows(sync.name, specs); !added) {
        log->error("sync {}: cannot record planned windows: {}", sync.name, added.error().message);
        continue;
      }
      log->info("sync {}: planned {} new {}", sync.name, specs.size(),
                sync.windowed() ? "window(s)" : "snapshot(s)");
    }
    next_plan_[sync.name] = again ? now : sync.next_run_after(now);
  }
}

unsigned ExportEngine::ours_in_queue(const std::vector<state::LiveJob>& live) const {
  unsigned count = 0;
  for (const auto& job : live) {
    const auto state = job.job.state;
    if (state == JobState::queued || state == JobState::processing) ++count;
    auto active = active_.find(static_cast<std::int64_t>(job.job.id));
    if (needs_slot(state) && active != active_.end() && active->second->holds_slot) ++count;
  }
  return count;
}

void ExportEngine::fill_queue(core::Timestamp now) {
  auto log = core::logger("exports");
  if (stopping_ || fatal_) return;
  auto used = store_.export_bytes(now);
  if (used && static_cast<std::uint64_t>(*used) >= settings_.daily_export_bytes && !budget_.paused_until(now)) {
    log->warn("{} bytes exported today reach daily_export_bytes ({}); pausing until the quota resets",
              *used, settings_.daily_export_bytes);
    budget_.on_daily_quota_spent(now);
  }
  auto live = store_.live_jobs();
  if (!live) { log->error("{}", live.error().message); return; }

  // Jobs already past Marketo's queue need no place: make sure each has a runner.
  for (auto& job : *live) {
    if (needs_slot(job.job.state) || active_.count(static_cast<std::int64_t>(job.job.id))) continue;
    if (find_sync(job.window.sync)) spawn(job, false);
  }

  unsigned free = budget_.free_slots(ours_in_queue(*live), now);
  // Parked jobs (created earlier, then told to wait) go first: they already have a job row.
  for (auto& job : *live) {
    if (free == 0) return;
    if (!needs_slot(job.job.state) || active_.count(static_cast<std::int64_t>(job.job.id))) continue;
    if (!find_sync(job.window.sync)) continue;
    if (job.job.state == JobState::intent && creating(job.window.sync)) continue;
    spawn(job, true);
    --free;
  }
  if (free == 0) return;

  auto waiting = store_.windows_needing_work(1000);
  if (!waiting) { log->error("{}", waiting.error().message); return; }
  // One create in flight per sync: a sync whose requests Marketo refuses (1035 filter disabled,
  // 1003 bad field) is refused once, not once per free place.
  std::vector<WaitingWindow> candidates;
  std::set<std::string> taken;
  for (const auto& w : *waiting) {
    if (!find_sync(w.sync) || creating(w.sync) || !taken.insert(w.sync).second) continue;
    candidates.push_back({w.sync, static_cast<std::int64_t>(w.id), w.kind == state::WindowKind::backfill, w.start});
  }
  for (const auto& pick : pick_round_robin(std::move(candidates), free, last_served_)) {
    auto window = store_.get_window(state::WindowId{pick.window_id});
    if (!window) { log->error("{}", window.error().message); continue; }
    auto job = store_.record_intent(window->id);
    if (!job) { log->error("sync {}: {}", pick.sync, job.error().message); continue; }
    auto recorded = store_.get_job(*job);
    if (!recorded) continue;
    last_served_ = pick.sync;
    spawn(state::LiveJob{std::move(*recorded), std::move(*window)}, true);
  }
}

void ExportEngine::spawn(state::LiveJob live, bool holds_slot) {
  const auto id = static_cast<std::int64_t>(live.job.id);
  // The first runner of a job in this process asks Marketo where the job stands before acting.
  const bool reattached = seen_.insert(id).second && live.job.state != JobState::intent;
  const ExportSync* sync = find_sync(live.window.sync);
  auto active = std::make_unique<Active>();
  active->sync = live.window.sync;
  active->holds_slot = holds_slot;
  active->creating = live.job.state == JobState::intent;
  active->runner = std::make_unique<JobRunner>(context_, *sync, std::move(live), reattached);
  Active& placed = *active_.emplace(id, std::move(active)).first->second;
  asio::co_spawn(executor_, placed.runner->run(),
                 asio::bind_cancellation_slot(placed.cancel.slot(), [this, id](std::exception_ptr error) {
                   if (error && !stopping_) {
                     try {
                       std::rethrow_exception(error);
                     } catch (const std::exception& e) {
                       core::logger("exports")->error("job {} stopped unexpectedly: {}", id, e.what());
                     }
                   }
                   // Erase later: the runner's cancellation signal is still on this call's stack.
                   asio::post(executor_, [this, id] {
                     active_.erase(id);
                     cannot_write_.erase(id);
                     wake();
                   });
                 }));
}

bool ExportEngine::drained() {
  if (!active_.empty()) return false;
  if (budget_.paused_until(clock_.now())) return true;  // nothing more can happen today
  auto live = store_.live_jobs();
  if (!live) return true;
  for (const auto& job : *live)
    if (find_sync(job.window.sync)) return false;
  auto waiting = store_.windows_needing_work(1000);
  if (!waiting) return true;
  return std::none_of(waiting->begin(), waiting->end(), [&](const auto& w) { return find_sync(w.sync) != nullptr; });
}

RunSummary ExportEngine::summary(core::Timestamp now, std::optional<std::string> staging_error) {
  RunSummary result;
  result.fatal = fatal_;
  result.paused_until = budget_.paused_until(now);
  result.staging_error = std::move(staging_error);
  if (auto syncs = store_.list_syncs()) {
    for (const auto& sync : *syncs)
      if (sync.error && find_sync(sync.name)) result.sync_errors.push_back(sync.name + ": " + *sync.error);
  }
  return result;
}

std::chrono::milliseconds ExportEngine::until_next_event(core::Timestamp now) const {
  // Runners wake the engine when anything they do frees or needs a place; on its own it only has
  // to look again at the next planning run, at the quota reset, or when what it learned about
  // other tools' jobs may have lapsed.
  core::Timestamp next = now + kLongestSleep;
  for (const auto& [name, at] : next_plan_) next = std::min(next, at);
  if (auto paused = budget_.paused_until(now)) next = std::min(next, *paused);
  std::chrono::milliseconds wait = std::max(next - now, core::Seconds{0});
  if (budget_.capped(now) || budget_.unlisted() > 0) wait = std::min(wait, settings_.poll_interval);
  return std::max(wait, std::chrono::milliseconds(1));
}

asio::awaitable<void> ExportEngine::sleep(std::chrono::milliseconds longest) {
  if (woken_) {
    woken_ = false;
    co_return;
  }
  wake_timer_.expires_after(longest);
  co_await wake_timer_.async_wait(asio::as_tuple(asio::use_awaitable));
  woken_ = false;
}

void ExportEngine::wake() {
  woken_ = true;
  wake_timer_.cancel();
}

std::vector<marketo::ExportEntity> ExportEngine::entities() const {
  std::vector<marketo::ExportEntity> distinct;
  for (const auto& sync : syncs_)
    if (std::find(distinct.begin(), distinct.end(), sync.request.entity) == distinct.end())
      distinct.push_back(sync.request.entity);
  return distinct;
}

const ExportSync* ExportEngine::find_sync(const std::string& name) const {
  auto found = std::find_if(syncs_.begin(), syncs_.end(), [&](const auto& s) { return s.name == name; });
  return found == syncs_.end() ? nullptr : &*found;
}

bool ExportEngine::creating(const std::string& sync) const {
  return std::any_of(active_.begin(), active_.end(),
                     [&](const auto& entry) { return entry.second->creating && entry.second->sync == sync; });
}

void ExportEngine::job_created(state::JobId job) {
  if (auto found = active_.find(static_cast<std::int64_t>(job)); found != active_.end())
    found->second->creating = false;
  wake();
}

void ExportEngine::queue_full() {
  auto live = store_.live_jobs();
  const unsigned ours = live ? ours_in_queue(*live) : 0;
  // The runner that was refused no longer holds a place.
  // Believed for one poll interval: by then the status polls may have seen a place open.
  budget_.on_queue_full(ours > 0 ? ours - 1 : 0, clock_.now(),
                        std::chrono::ceil<core::Seconds>(settings_.poll_interval));
  reconcile_due_ = true;
}

void ExportEngine::job_left_queue() {
  budget_.on_job_left_queue();
  wake();
}

bool ExportEngine::waits_behind_our_own(state::JobId job) {
  auto live = store_.live_jobs();
  if (!live) return false;  // not knowing where it stands: ask Marketo
  // Only jobs with a runner: their stored state is kept fresh by polling (a job of a sync no
  // longer configured is left as it was, and may have long finished).
  std::erase_if(*live, [&](const auto& other) { return !active_.count(static_cast<std::int64_t>(other.job.id)); });
  return exports::waits_behind_our_own(*live, job, settings_.max_processing);
}

void ExportEngine::daily_quota_spent() { budget_.on_daily_quota_spent(clock_.now()); }

void ExportEngine::fatal(std::string message) {
  core::logger("exports")->critical("{}", message);
  if (!fatal_) fatal_ = std::move(message);
  wake();
}

std::optional<std::string> ExportEngine::staging_problem() const {
  if (cannot_write_.empty()) return std::nullopt;
  if (cannot_write_.size() == 1) return staging_problem_;
  return fmt::format("{} ({} jobs cannot write their files)", staging_problem_, cannot_write_.size());
}

void ExportEngine::staging_failed(state::JobId job, const std::string& message) {
  ++cannot_write_[static_cast<std::int64_t>(job)];
  staging_problem_ = message;
  wake();
}

void ExportEngine::staging_succeeded(state::JobId job) {
  cannot_write_.erase(static_cast<std::int64_t>(job));
}

bool ExportEngine::staging_given_up() const {
  return std::any_of(cannot_write_.begin(), cannot_write_.end(),
                     [&](const auto& job) { return job.second >= settings_.once_staging_attempts; });
}

std::chrono::milliseconds ExportEngine::jittered(std::chrono::milliseconds interval) {
  std::uniform_real_distribution<double> factor(0.9, 1.1);
  return std::chrono::milliseconds(static_cast<std::int64_t>(static_cast<double>(interval.count()) * factor(random_)));
}

}  // namespace msync::exports
