#include "imports/import_engine.hpp"

#include <fmt/format.h>

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/bind_cancellation_slot.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/use_awaitable.hpp>

#include "imports/file_validator.hpp"
#include "imports/import_queue_order.hpp"
#include "imports/import_results.hpp"
#include "staging/staging.hpp"

namespace msync::imports {
namespace {

namespace asio = boost::asio;

constexpr std::chrono::milliseconds kLongestSleep{60'000};
constexpr std::chrono::milliseconds kOnceScan{100};  // --once: how often settling files are looked at

std::int64_t number(state::ImportFileId id) { return static_cast<std::int64_t>(id); }

std::vector<InboundDir> inbound_dirs(const std::vector<ImportSync>& syncs) {
  std::vector<InboundDir> dirs;
  for (const auto& sync : syncs) dirs.push_back(InboundDir{sync.name, sync.inbound_dir});
  return dirs;
}

std::string format_name(csv::Format format) { return std::string(csv::extension(format)); }

}  // namespace

ImportEngine::ImportEngine(asio::any_io_executor executor, state::Store& store, marketo::ImportApi& api,
                           std::vector<ImportSync> syncs, ImportSettings settings, const core::Clock& clock)
    : executor_(executor),
      store_(store),
      syncs_(std::move(syncs)),
      settings_(std::move(settings)),
      clock_(clock),
      slots_(executor, settings_.max_queued),
      context_{store_, api, clock_, settings_, slots_, *this},
      fields_(api, settings_.fields_ttl),
      watcher_(executor, inbound_dirs(syncs_), settings_.watcher),
      wake_timer_(executor),
      random_(std::random_device{}()) {}

ImportEngine::~ImportEngine() = default;

asio::awaitable<ImportSummary> ImportEngine::run(bool once) {
  auto log = core::logger("imports");
  if (auto started = watcher_.start(); !started) {
    summary_.fatal = started.error().message;
    co_return summary_;
  }
  if (!once) {
    watching_ = true;
    asio::co_spawn(executor_, watch(), asio::detached);
  }
  resume();
  while (!stopping_) {
    if (once) {
      for (auto& file : watcher_.poll_ready()) ready_.push_back(std::move(file));
    }
    co_await take_ready();
    if (fatal_) break;
    if (once && drained()) break;
    auto wait = kLongestSleep;
    if (once) wait = kOnceScan;
    if (!ready_.empty()) wait = std::min(wait, settings_.poll_interval);  // describe failed: try again
    co_await sleep(wait);
  }

  // Structured stop: no new files or places; cancel every part, then wait for each to leave its
  // batch resumable.
  stopping_ = true;
  watcher_.stop();
  slots_.stop();
  for (auto& [key, active] : parts_) active->cancel.emit(asio::cancellation_type::terminal);
  const auto deadline = std::chrono::steady_clock::now() + settings_.stop_grace;
  while (!parts_.empty() || watching_) {
    woken_ = false;
    co_await sleep(std::chrono::milliseconds(50));
    if (std::chrono::steady_clock::now() > deadline) {
      log->warn("{} import part(s) still ending after the stop grace period", parts_.size());
      break;
    }
  }
  summary_.fatal = fatal_;
  co_return summary_;
}

void ImportEngine::stop() {
  stopping_ = true;
  watcher_.stop();
  wake();
}

asio::awaitable<void> ImportEngine::watch() {
  while (!stopping_) {
    auto files = co_await watcher_.next_ready();
    for (auto& file : files) ready_.push_back(std::move(file));
    if (!files.empty()) wake();
  }
  watching_ = false;
  wake();
}

asio::awaitable<void> ImportEngine::take_ready() {
  if (ready_.empty()) co_return;
  FieldCatalog fields;
  if (!names_unchecked_) {
    auto catalog = co_await fields_.catalog();
    if (!catalog) {
      const auto& failure = catalog.failure();
      if (failure.action != marketo::Action::fail_job && failure.action != marketo::Action::fail_config) {
        core::logger("imports")->warn("cannot ask Marketo for its field names ({}); {} file(s) wait",
                                      failure.message, ready_.size());
        co_return;
      }
      core::logger("imports")->warn(
          "Marketo refuses to describe its fields ({}); header names are left to Marketo to check",
          failure.message);
      names_unchecked_ = true;
    } else {
      fields = std::move(catalog.value());
    }
  }
  while (!ready_.empty() && !stopping_) {
    const InboundFile file = std::move(ready_.front());
    ready_.pop_front();
    take(file, fields);
  }
}

void ImportEngine::take(const InboundFile& file, const FieldCatalog& fields) {
  auto log = core::logger("imports");
  const ImportSync* sync = find_sync(file.import);
  std::error_code ec;
  if (!sync || !std::filesystem::is_regular_file(file.path, ec)) return;  // gone since it was seen
  const auto validation = validate_import_file(file.path, sync->format, fields, settings_.max_part_bytes);
  if (const auto* rejection = std::get_if<Rejection>(&validation)) {
    reject(*sync, file.path, rejection->describe());
    return;
  }
  const auto& valid = std::get<ValidatedFile>(validation);
  const std::string name = file.path.filename().string();
  auto record = store_.take_import_file(sync->name, name, valid.sha256);
  if (!record) {
    log->error("import {}: {}", sync->name, record.error().message);
    return;
  }
  if (files_.count(number(record->id))) {
    log->warn("import {}: {} is identical to file #{}, which is being imported; it is left in place", sync->name,
              name, number(record->id));
    return;
  }
  const ImportPaths paths(sync->name, sync->inbound_dir);
  const auto work = paths.work_dir(number(record->id));
  auto source = work / name;
  if (auto made = staging::make_directory_durably(work); !made) {
    log->error("import {}: {}", sync->name, made.error().message);
    return;
  }
  if (auto moved = staging::move_durably(file.path, source); !moved) {
    log->error("import {}: cannot take {}: {}", sync->name, file.path.string(), moved.error().message);
    return;
  }
  log->info("import {}: took {} ({} records, {} bytes, sha256 {}) as file #{}", sync->name, name, valid.records,
            valid.bytes, valid.sha256, number(record->id));
  start_file(std::move(*record), *sync, std::move(source), valid.plan);
}

void ImportEngine::reject(const ImportSync& sync, const std::filesystem::path& file, const std::string& reason) {
  auto log = core::logger("imports");
  const ImportPaths paths(sync.name, sync.inbound_dir);
  auto moved = reject_file(paths, file, sync.name, format_name(sync.format), reason, clock_.now());
  if (!moved) {
    log->error("import {}: cannot reject {} ({}): {}", sync.name, file.string(), reason, moved.error().message);
    return;
  }
  log->warn("import {}: rejected {}: {} (moved to {})", sync.name, file.filename().string(), reason,
            moved->string());
  ++summary_.rejected;
  summary_.problems.push_back(fmt::format("{}: {}: {}", sync.name, file.filename().string(), reason));
}

void ImportEngine::resume() {
  auto unfinished = store_.unfinished_import_files();
  if (!unfinished) {
    core::logger("imports")->error("{}", unfinished.error().message);
    return;
  }
  for (auto& record : *unfinished) resume_file(std::move(record));
}

void ImportEngine::resume_file(state::ImportFile record) {
  auto log = core::logger("imports");
  const ImportSync* sync = find_sync(record.import);
  if (!sync) {
    log->warn("file #{} ({}) belongs to import {}, which is no longer configured; it waits", number(record.id),
              record.source, record.import);
    return;
  }
  const ImportPaths paths(sync->name, sync->inbound_dir);
  const auto work = paths.work_dir(number(record.id));
  auto source = work / record.source;
  std::error_code ec;
  if (!std::filesystem::exists(source, ec)) {
    // Taken but not moved yet when the last run stopped: it is still in the inbound directory.
    const auto inbound = paths.inbound / record.source;
    auto digest = std::filesystem::exists(inbound, ec) ? staging::sha256_of_file(inbound)
                                                       : core::Result<std::string>(core::make_error("absent"));
    if (digest && *digest == record.sha256) {
      if (auto made = staging::make_directory_durably(work); !made) {
        log->error("import {}: {}", sync->name, made.error().message);
        return;
      }
      if (auto moved = staging::move_durably(inbound, source); !moved) {
        log->error("import {}: {}", sync->name, moved.error().message);
        return;
      }
    } else if (!record.parts) {
      const auto why = fmt::format("the file left {} before it was split", inbound.string());
      log->error("import {}: file #{} ({}): {}", sync->name, number(record.id), record.source, why);
      (void)store_.finish_import_file(record.id, "lost", why);
      return;
    }
  }
  log->info("import {}: resuming file #{} ({})", sync->name, number(record.id), record.source);
  start_file(std::move(record), *sync, std::move(source));
}

void ImportEngine::start_file(state::ImportFile record, const ImportSync& sync, std::filesystem::path source,
                              const std::optional<PartPlan>& plan) {
  auto log = core::logger("imports");
  const auto id = number(record.id);
  TakenFile taken;
  taken.sync = &sync;
  taken.source = source;
  std::error_code ec;
  if (std::filesystem::exists(source, ec)) {
    const ImportPaths paths(sync.name, sync.inbound_dir);
    auto parts =
        split_import_file(source, sync.format, settings_.max_part_bytes, paths.work_dir(id) / "parts", plan);
    if (!parts) {
      log->error("import {}: file #{} ({}): {}", sync.name, id, record.source, parts.error().message);
      if (parts.error().kind == core::ErrorKind::permanent) {
        reject(sync, source, parts.error().message);
        (void)store_.finish_import_file(record.id, "rejected", parts.error().message);
      }
      return;
    }
    taken.parts = std::move(parts.value());
    if (!record.parts || *record.parts != static_cast<std::int64_t>(taken.parts.size())) {
      if (auto st = store_.set_import_parts(record.id, static_cast<std::int64_t>(taken.parts.size())); !st) {
        log->error("import {}: {}", sync.name, st.error().message);
        return;
      }
      record.parts = static_cast<std::int64_t>(taken.parts.size());
    }
  } else {
    // Results were being published when the last run stopped: the parts' batches are final, and
    // their runners only gather what the store holds.
    taken.parts.resize(static_cast<std::size_t>(*record.parts));
  }
  taken.results.resize(taken.parts.size());
  taken.record = std::move(record);
  auto& placed = files_.insert_or_assign(id, std::move(taken)).first->second;
  for (std::size_t part = 0; part < placed.parts.size(); ++part) spawn_part(placed, part);
  if (placed.parts.empty()) finish_file(placed);
}

void ImportEngine::spawn_part(TakenFile& file, std::size_t part) {
  const auto id = number(file.record.id);
  PartJob job;
  job.file = file.record;
  job.sync = file.sync;
  job.part = static_cast<std::int64_t>(part);
  job.path = file.parts[part].path;
  job.work_dir = file.source.parent_path();
  auto active = std::make_unique<ActivePart>();
  active->runner = std::make_unique<PartRunner>(context_, std::move(job));
  ActivePart& placed = *parts_.insert_or_assign(std::make_pair(id, part), std::move(active)).first->second;
  ++file.running;
  asio::co_spawn(executor_, placed.runner->run(),
                 asio::bind_cancellation_slot(
                     placed.cancel.slot(),
                     [this, id, part](std::exception_ptr error, std::optional<PartResult> result) {
                       if (error) {
                         try {
                           std::rethrow_exception(error);
                         } catch (const std::exception& e) {
                           core::logger("imports")->error("file #{} part {} stopped unexpectedly: {}", id,
                                                          part + 1, e.what());
                         }
                       }
                       // Later: the part's cancellation signal is still on this call's stack.
                       asio::post(executor_, [this, id, part, result = std::move(result)]() mutable {
                         part_ended(id, part, std::move(result));
                       });
                     }));
}

void ImportEngine::part_ended(std::int64_t file_id, std::size_t part, std::optional<PartResult> result) {
  parts_.erase(std::make_pair(file_id, part));
  wake();
  auto found = files_.find(file_id);
  if (found == files_.end()) return;
  TakenFile& file = found->second;
  --file.running;
  if (result) {
    file.results[part] = std::move(result);
  } else {
    file.interrupted = true;
  }
  if (file.running > 0) return;
  if (!file.interrupted) finish_file(file);
  files_.erase(file_id);
}

void ImportEngine::finish_file(TakenFile& file) {
  auto log = core::logger("imports");
  const ImportSync& sync = *file.sync;
  ImportResult result;
  result.import = sync.name;
  result.file_id = number(file.record.id);
  result.source_name = file.record.source;
  result.sha256 = file.record.sha256;
  result.program_id = sync.program_id;
  result.program_member_status = sync.program_member_status;
  result.format = format_name(sync.format);
  result.taken_at = file.record.taken_at;
  result.finished_at = clock_.now();
  std::int64_t imported = 0, failed_rows = 0, warned_rows = 0;
  for (std::size_t i = 0; i < file.parts.size(); ++i) {
    result.records += file.parts[i].records;
    result.parts.push_back(*file.results[i]);
    imported += file.results[i]->leads_processed;
    failed_rows += file.results[i]->rows_failed;
    warned_rows += file.results[i]->rows_with_warning;
  }
  const ImportPaths paths(sync.name, sync.inbound_dir);
  core::crash_point("import.before_results");
  auto published = publish_results(paths, result, file.source);
  core::crash_point("import.after_results");
  if (!published) {
    log->error("import {}: file #{} ({}): results not written: {}; tried again at the next start", sync.name,
               result.file_id, result.source_name, published.error().message);
    return;
  }
  const std::string outcome = overall_outcome(result);
  std::string message = fmt::format("{} imported, {} failed, {} with warnings", imported, failed_rows, warned_rows);
  for (const auto& part : result.parts) {
    if (part.status != "Complete" && !part.message.empty()) message += fmt::format("; part {}: {}", part.part + 1, part.message);
  }
  if (auto st = store_.finish_import_file(file.record.id, outcome, message); !st) {
    log->error("import {}: {}", sync.name, st.error().message);
    return;
  }
  // The results and the source are in the done folder; what is left are our own copies (parts,
  // per-part failures and warnings) and markers.
  std::error_code ec;
  std::filesystem::remove_all(file.source.parent_path(), ec);
  if (ec) log->warn("import {}: cannot remove {}: {}", sync.name, file.source.parent_path().string(), ec.message());
  if (outcome == "complete") {
    ++summary_.completed;
    log->info("import {}: {} done: {} (results in {})", sync.name, result.source_name, message, published->string());
  } else {
    count_problem(file, message, false);
    log->error("import {}: {} failed: {} (results in {})", sync.name, result.source_name, message,
               published->string());
  }
}

void ImportEngine::count_problem(const TakenFile& file, const std::string& why, bool rejected) {
  ++(rejected ? summary_.rejected : summary_.failed);
  summary_.problems.push_back(fmt::format("{}: {}: {}", file.sync->name, file.record.source, why));
}

const ImportSync* ImportEngine::find_sync(const std::string& name) const {
  for (const auto& sync : syncs_) {
    if (sync.name == name) return &sync;
  }
  return nullptr;
}

bool ImportEngine::drained() const { return files_.empty() && ready_.empty() && !watcher_.has_unsettled(); }

void ImportEngine::fatal(std::string message) {
  if (!fatal_) core::logger("imports")->critical("imports stopped: {}", message);
  fatal_ = std::move(message);
  wake();
}

std::chrono::milliseconds ImportEngine::jittered(std::chrono::milliseconds interval) {
  std::uniform_real_distribution<double> factor(0.9, 1.1);
  return std::chrono::milliseconds(static_cast<std::int64_t>(static_cast<double>(interval.count()) * factor(random_)));
}

bool ImportEngine::waits_behind_our_own(state::ImportBatchId batch) {
  // Every import's batches: Marketo's queue is the subscription's, not one sync's.
  auto live = store_.live_import_batches();
  return live && imports::waits_behind_our_own(*live, batch, settings_.max_importing);
}

asio::awaitable<void> ImportEngine::sleep(std::chrono::milliseconds longest) {
  if (woken_) {
    woken_ = false;
    co_return;
  }
  wake_timer_.expires_after(longest);
  co_await wake_timer_.async_wait(asio::as_tuple(asio::use_awaitable));
  woken_ = false;
}

void ImportEngine::wake() {
  woken_ = true;
  wake_timer_.cancel();
}

}  // namespace msync::imports
