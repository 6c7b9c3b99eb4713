// Store: export jobs from intent to staged, and what a restart re-attaches to.
#include <fmt/format.h>

#include "state/rows.hpp"
#include "state/sqlite/transaction.hpp"
#include "state/store.hpp"

namespace msync::state {
namespace {

std::int64_t number(JobId job) { return static_cast<std::int64_t>(job); }

// The store guards the edges that could lose or duplicate data: an intent only becomes created
// (or is given up), final states stay final, staged only comes with the staged file. The order of
// Marketo's own states in between is Marketo's business.
std::optional<std::string> refusal(JobState from, JobState to) {
  switch (to) {
    case JobState::intent:
      return std::string("record_intent() starts a new job instead");
    case JobState::created:
      return std::string("set_created() records the exportId");
    case JobState::staged:
      return std::string("mark_staged() records the staged file");
    default:
      break;
  }
  if (from == to) return std::nullopt;
  if (!is_live(from)) return fmt::format("{} is final", to_string(from));
  if (from == JobState::intent && to != JobState::failed && to != JobState::cancelled) {
    return std::string("an intent has no exportId yet");
  }
  return std::nullopt;
}

}  // namespace

core::Result<JobId> Store::record_intent(WindowId window) {
  const auto w = static_cast<std::int64_t>(window);
  const auto op = fmt::format("record intent for window {}", w);
  auto tx = sqlite::Transaction::begin(db_);
  if (!tx) return fail(op, tx.error());
  auto check = db_.prepare(fmt::format(
      "SELECT w.staged_at, (SELECT j.id FROM jobs j WHERE j.window_id = w.id AND j.state IN {}) "
      "FROM windows w WHERE w.id = ?1",
      rows::live_states));
  check.bind(1, w);
  auto row = check.step();
  if (!row) return fail(op, row.error());
  if (!*row) return refuse(fmt::format("{}: unknown window", op));
  if (!check.is_null(0)) return refuse(fmt::format("{}: the window is already staged", op));
  if (!check.is_null(1)) {
    return refuse(fmt::format("{}: job {} is still live for it", op, check.int64(1)));
  }
  auto insert = db_.prepare(
      "INSERT INTO jobs (window_id, state, intent_at, updated_at) VALUES (?1, 'intent', ?2, ?2)");
  insert.bind(1, w).bind(2, now());
  if (auto st = insert.run(); !st) return fail(op, st.error());
  const JobId job{db_.last_insert_rowid()};
  if (auto st = tx->commit(); !st) return fail(op, st.error());
  return job;
}

core::Status Store::set_created(JobId job, std::string_view export_id, core::Timestamp created_at) {
  const auto op = fmt::format("record exportId of job {}", number(job));
  auto tx = sqlite::Transaction::begin(db_);
  if (!tx) return fail(op, tx.error());
  auto current = load_job(job);
  if (!current) return current.error();
  // Repeating the same answer (a retried call after a crash) is harmless.
  if (current->state == JobState::created && current->export_id == export_id) return {};
  if (current->state != JobState::intent) {
    return refuse(fmt::format("{}: it is {}, not intent", op, to_string(current->state)));
  }
  auto update = db_.prepare(
      "UPDATE jobs SET state = 'created', export_id = ?2, created_at = ?3, updated_at = ?4 "
      "WHERE id = ?1");
  update.bind(1, number(job)).bind(2, export_id).bind(3, rows::seconds(created_at)).bind(4, now());
  if (auto st = update.run(); !st) return fail(op, st.error());
  if (auto st = tx->commit(); !st) return fail(op, st.error());
  return {};
}

core::Status Store::set_state(JobId job, JobState state, const JobUpdate& update) {
  const auto op = fmt::format("set job {} {}", number(job), to_string(state));
  auto tx = sqlite::Transaction::begin(db_);
  if (!tx) return fail(op, tx.error());
  auto current = load_job(job);
  if (!current) return current.error();
  if (auto why = refusal(current->state, state)) {
    return refuse(fmt::format("{}: it is {}: {}", op, to_string(current->state), *why));
  }
  auto stmt = db_.prepare(
      "UPDATE jobs SET state = ?2, updated_at = ?3, queued_at = coalesce(?4, queued_at), "
      "started_at = coalesce(?5, started_at), finished_at = coalesce(?6, finished_at), "
      "number_of_records = coalesce(?7, number_of_records), file_size = coalesce(?8, file_size), "
      "file_checksum = coalesce(?9, file_checksum), error = coalesce(?10, error) WHERE id = ?1");
  stmt.bind(1, number(job)).bind(2, to_string(state)).bind(3, now())
      .bind(4, rows::seconds(update.queued_at)).bind(5, rows::seconds(update.started_at))
      .bind(6, rows::seconds(update.finished_at)).bind(7, update.number_of_records)
      .bind(8, update.file_size).bind(9, update.file_checksum).bind(10, update.error);
  if (auto st = stmt.run(); !st) return fail(op, st.error());
  if (auto st = tx->commit(); !st) return fail(op, st.error());
  return {};
}

core::Status Store::record_download(JobId job, std::string_view part_path,
                                    std::int64_t bytes_on_disk) {
  const auto op = fmt::format("record download of job {}", number(job));
  if (bytes_on_disk < 0) return refuse(fmt::format("{}: negative size", op));
  auto stmt = db_.prepare(
      "UPDATE jobs SET state = 'downloading', part_path = ?2, bytes_on_disk = ?3, updated_at = ?4 "
      "WHERE id = ?1 AND state IN ('completed', 'downloading')");
  stmt.bind(1, number(job)).bind(2, part_path).bind(3, bytes_on_disk).bind(4, now());
  if (auto st = stmt.run(); !st) return fail(op, st.error());
  if (db_.changes() == 0) return job_refusal(op, job);
  return {};
}

core::Result<core::Timestamp> Store::mark_staged(JobId job, const StagedFile& file) {
  const auto op = fmt::format("mark job {} staged", number(job));
  auto tx = sqlite::Transaction::begin(db_);
  if (!tx) return fail(op, tx.error());
  auto current = load_job(job);
  if (!current) return current.error();
  auto window = get_window(current->window);
  if (!window) return window.error();
  auto id = sync_id(window->sync);
  if (!id) return id.error();
  if (current->state == JobState::staged && current->staged_path == file.path) {
    return watermark(window->sync);  // already done: a repeat after a crash changes nothing
  }
  if (current->state != JobState::completed && current->state != JobState::downloading) {
    return refuse(fmt::format("{}: it is {}, not completed or downloading", op,
                              to_string(current->state)));
  }
  const std::int64_t at = now();
  auto job_row = db_.prepare(
      "UPDATE jobs SET state = 'staged', staged_path = ?2, manifest_path = ?3, staged_records = ?4, "
      "staged_bytes = ?5, sha256 = ?6, staged_at = ?7, updated_at = ?7 WHERE id = ?1");
  job_row.bind(1, number(job)).bind(2, file.path).bind(3, file.manifest_path)
      .bind(4, file.records).bind(5, file.bytes).bind(6, file.sha256).bind(7, at);
  if (auto st = job_row.run(); !st) return fail(op, st.error());
  auto window_row = db_.prepare("UPDATE windows SET staged_at = ?2 WHERE id = ?1");
  window_row.bind(1, static_cast<std::int64_t>(window->id)).bind(2, at);
  if (auto st = window_row.run(); !st) return fail(op, st.error());
  auto mark = advance_watermark(*id, window->kind, window->start);
  if (!mark) return fail(op, mark.error());
  if (auto st = tx->commit(); !st) return fail(op, st.error());
  return *mark;
}

core::Result<Job> Store::get_job(JobId job) { return load_job(job); }

core::Result<Job> Store::load_job(JobId job) {
  auto stmt = db_.prepare(fmt::format("SELECT {} FROM jobs j WHERE j.id = ?1", rows::job_columns));
  stmt.bind(1, number(job));
  auto row = stmt.step();
  if (!row) return fail(fmt::format("read job {}", number(job)), row.error());
  if (!*row) return refuse(fmt::format("unknown job {}", number(job)));
  return rows::job(stmt, 0);
}

core::Error Store::job_refusal(std::string_view operation, JobId job) {
  auto current = load_job(job);
  if (!current) return current.error();
  return refuse(fmt::format("{}: it is {}", operation, to_string(current->state)));
}

core::Result<std::optional<Job>> Store::find_job_by_export_id(std::string_view export_id) {
  auto stmt = db_.prepare(
      fmt::format("SELECT {} FROM jobs j WHERE j.export_id = ?1", rows::job_columns));
  stmt.bind(1, export_id);
  auto row = stmt.step();
  if (!row) return fail("find job by exportId", row.error());
  if (!*row) return std::optional<Job>();
  return std::optional<Job>(rows::job(stmt, 0));
}

core::Result<std::vector<LiveJob>> Store::live_jobs() {
  auto stmt = db_.prepare(fmt::format(
      "SELECT {}, {} FROM jobs j JOIN windows w ON w.id = j.window_id "
      "JOIN syncs s ON s.id = w.sync_id WHERE j.state IN {} ORDER BY j.intent_at, j.id",
      rows::job_columns, rows::window_columns, rows::live_states));
  std::vector<LiveJob> jobs;
  for (;;) {
    auto row = stmt.step();
    if (!row) return fail("list live jobs", row.error());
    if (!*row) return jobs;
    jobs.push_back(LiveJob{rows::job(stmt, 0), rows::window(stmt, rows::job_columns_count)});
  }
}

core::Result<std::map<JobState, std::int64_t>> Store::count_jobs_by_state() {
  std::map<JobState, std::int64_t> counts;
  for (auto s = static_cast<int>(JobState::intent); s <= static_cast<int>(JobState::expired); ++s) {
    counts[static_cast<JobState>(s)] = 0;  // every state, so a metric can report its zero
  }
  auto stmt = db_.prepare("SELECT state, count(*) FROM jobs GROUP BY state");
  for (;;) {
    auto row = stmt.step();
    if (!row) return fail("count jobs by state", row.error());
    if (!*row) return counts;
    if (auto state = parse_job_state(stmt.text(0))) counts[*state] = stmt.int64(1);
  }
}

}  // namespace msync::state
