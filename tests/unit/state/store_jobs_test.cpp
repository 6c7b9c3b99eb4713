#include <sqlite3.h>

#include "store_fixture.hpp"

namespace msync::state::test {
namespace {

using StateJobs = StoreTest;

TEST_F(StateJobs, OneLiveJobPerWindow) {
  const auto w = three_weeks();
  auto first = store().record_intent(w[0]);
  ASSERT_TRUE(first) << first.error().message;
  auto second = store().record_intent(w[0]);
  ASSERT_FALSE(second);
  EXPECT_NE(second.error().message.find("still live"), std::string::npos) << second.error().message;
  EXPECT_TRUE(store().record_intent(w[1]));  // other windows are unaffected

  ASSERT_TRUE(store().set_created(*first, "e-1", clock_.now()));
  ASSERT_TRUE(store().set_state(*first, JobState::processing));
  EXPECT_FALSE(store().record_intent(w[0]));
}

TEST_F(StateJobs, TheSchemaItselfForbidsASecondLiveJob) {
  const auto w = three_weeks();
  ASSERT_TRUE(store().record_intent(w[0]));
  // Bypass the store, as a bug would: the partial unique index still says no.
  sqlite3* raw = nullptr;
  ASSERT_EQ(sqlite3_open(dir_.db().c_str(), &raw), SQLITE_OK);
  const std::string sql = "INSERT INTO jobs (window_id, state, intent_at, updated_at) VALUES (" +
                          std::to_string(static_cast<std::int64_t>(w[0])) + ", 'queued', 0, 0)";
  EXPECT_EQ(sqlite3_exec(raw, sql.c_str(), nullptr, nullptr, nullptr), SQLITE_CONSTRAINT);
  sqlite3_close(raw);
}

TEST_F(StateJobs, IntentToStagedRecordsEveryField) {
  const auto w = three_weeks();
  auto job = store().record_intent(w[0]);
  ASSERT_TRUE(job);
  auto intent = store().get_job(*job);
  ASSERT_TRUE(intent);
  EXPECT_EQ(intent->state, JobState::intent);
  EXPECT_EQ(intent->intent_at, clock_.now());
  EXPECT_FALSE(intent->export_id);

  ASSERT_TRUE(store().set_created(*job, "ce1a1b2c", at("2024-02-01T12:00:05Z")));
  ASSERT_TRUE(store().set_state(*job, JobState::queued, {.queued_at = at("2024-02-01T12:00:06Z")}));
  ASSERT_TRUE(store().set_state(*job, JobState::processing,
                                {.started_at = at("2024-02-01T12:01:00Z")}));
  ASSERT_TRUE(store().set_state(*job, JobState::completed,
                                {.finished_at = at("2024-02-01T12:02:00Z"),
                                 .number_of_records = 42,
                                 .file_size = 4096,
                                 .file_checksum = "sha256:feed"}));
  clock_.advance(core::Seconds{30});
  ASSERT_TRUE(store().record_download(*job, "staging/leads/x.csv.part", 1024));
  ASSERT_TRUE(store().record_download(*job, "staging/leads/x.csv.part", 4096));
  auto mark = store().mark_staged(*job, StagedFile{"staging/leads/x.csv",
                                                   "staging/leads/x.csv.manifest.json", 42, 4096,
                                                   "feed"});
  ASSERT_TRUE(mark) << mark.error().message;
  EXPECT_EQ(*mark, at("2024-01-08T00:00:00Z"));

  auto staged = store().get_job(*job);
  ASSERT_TRUE(staged);
  EXPECT_EQ(staged->state, JobState::staged);
  EXPECT_EQ(staged->export_id, "ce1a1b2c");
  EXPECT_EQ(staged->created_at, at("2024-02-01T12:00:05Z"));
  EXPECT_EQ(staged->queued_at, at("2024-02-01T12:00:06Z"));  // kept by later updates
  EXPECT_EQ(staged->started_at, at("2024-02-01T12:01:00Z"));
  EXPECT_EQ(staged->finished_at, at("2024-02-01T12:02:00Z"));
  EXPECT_EQ(staged->number_of_records, 42);
  EXPECT_EQ(staged->file_size, 4096);
  EXPECT_EQ(staged->file_checksum, "sha256:feed");
  EXPECT_EQ(staged->part_path, "staging/leads/x.csv.part");
  EXPECT_EQ(staged->bytes_on_disk, 4096);
  EXPECT_EQ(staged->staged_path, "staging/leads/x.csv");
  EXPECT_EQ(staged->manifest_path, "staging/leads/x.csv.manifest.json");
  EXPECT_EQ(staged->staged_records, 42);
  EXPECT_EQ(staged->staged_bytes, 4096);
  EXPECT_EQ(staged->sha256, "feed");
  EXPECT_EQ(staged->staged_at, clock_.now());
  EXPECT_EQ(staged->updated_at, clock_.now());

  auto window = store().get_window(w[0]);
  ASSERT_TRUE(window);
  EXPECT_EQ(window->staged_at, clock_.now());
  EXPECT_EQ(window->attempts, 1);
  EXPECT_FALSE(store().record_intent(w[0]));  // done is done

  // Repeating the last step after a crash is harmless; staging another file is not.
  auto repeat = store().mark_staged(*job, StagedFile{"staging/leads/x.csv", "m", 42, 4096, "feed"});
  ASSERT_TRUE(repeat);
  EXPECT_EQ(*repeat, *mark);
  EXPECT_FALSE(store().mark_staged(*job, StagedFile{"staging/leads/y.csv", "m", 1, 1, "f"}));
}

TEST_F(StateJobs, RefusesTransitionsThatCouldLoseOrDuplicateData) {
  const auto w = three_weeks();
  auto job = store().record_intent(w[0]);
  ASSERT_TRUE(job);
  EXPECT_FALSE(store().set_state(*job, JobState::queued));  // no exportId yet
  EXPECT_FALSE(store().set_state(*job, JobState::created));
  EXPECT_FALSE(store().record_download(*job, "x.part", 0));
  EXPECT_FALSE(store().mark_staged(*job, StagedFile{"x", "m", 0, 0, "s"}));
  ASSERT_TRUE(store().set_created(*job, "e-1", clock_.now()));
  ASSERT_TRUE(store().set_created(*job, "e-1", clock_.now()));  // the same answer again
  EXPECT_FALSE(store().set_created(*job, "e-2", clock_.now()));
  EXPECT_FALSE(store().set_state(*job, JobState::staged));
  ASSERT_TRUE(store().set_state(*job, JobState::failed, {.error = "Failed: out of memory"}));
  auto back = store().set_state(*job, JobState::queued);
  ASSERT_FALSE(back);
  EXPECT_NE(back.error().message.find("final"), std::string::npos) << back.error().message;
  EXPECT_FALSE(store().set_state(JobId{999}, JobState::failed));

  // An exportId belongs to one job only.
  auto other = store().record_intent(w[1]);
  ASSERT_TRUE(other);
  EXPECT_FALSE(store().set_created(*other, "e-1", clock_.now()));
}

TEST_F(StateJobs, AnIntentWhoseCreateNeverAnsweredCanBeGivenUp) {
  const auto w = three_weeks();
  auto job = store().record_intent(w[0]);
  ASSERT_TRUE(job);
  ASSERT_TRUE(store().set_state(*job, JobState::cancelled, {.error = "create outcome unknown"}));
  EXPECT_TRUE(store().record_intent(w[0]));
}

TEST_F(StateJobs, FailedExpiredAndCancelledWindowsNeedWorkAgain) {
  const auto w = three_weeks();
  const JobState endings[] = {JobState::failed, JobState::expired, JobState::cancelled};
  for (std::size_t i = 0; i < 3; ++i) {
    const JobId job = completed_job(w[i], "e-" + std::to_string(i));
    ASSERT_TRUE(store().set_state(job, endings[i]));
  }
  auto none = store().windows_needing_work(10);
  ASSERT_TRUE(none);
  EXPECT_EQ(none->size(), 3u);
  for (const Window& window : *none) EXPECT_EQ(window.attempts, 1);

  auto retry = store().record_intent(w[1]);
  ASSERT_TRUE(retry) << retry.error().message;
  auto work = store().windows_needing_work(10);
  ASSERT_TRUE(work);
  ASSERT_EQ(work->size(), 2u);
  EXPECT_EQ((*work)[0].id, w[0]);
  EXPECT_EQ((*work)[1].id, w[2]);
}

TEST_F(StateJobs, ARestartReattachesToLiveJobsByExportId) {
  const auto w = three_weeks();
  auto a = store().record_intent(w[0]);  // crashed before create.json answered
  ASSERT_TRUE(a);
  clock_.advance(core::Seconds{1});
  auto b = store().record_intent(w[1]);
  ASSERT_TRUE(b);
  ASSERT_TRUE(store().set_created(*b, "e-b", clock_.now()));
  ASSERT_TRUE(store().set_state(*b, JobState::completed, {.file_size = 900}));
  ASSERT_TRUE(store().record_download(*b, "leads/b.csv.part", 300));
  clock_.advance(core::Seconds{1});
  const JobId c = completed_job(w[2], "e-c");
  ASSERT_TRUE(store().set_state(c, JobState::failed));

  reopen();  // as after kill -9: only what was committed is there

  auto live = store().live_jobs();
  ASSERT_TRUE(live) << live.error().message;
  ASSERT_EQ(live->size(), 2u);
  EXPECT_EQ((*live)[0].job.id, *a);
  EXPECT_EQ((*live)[0].job.state, JobState::intent);
  EXPECT_EQ((*live)[0].window.id, w[0]);
  EXPECT_EQ((*live)[0].window.sync, "leads");
  EXPECT_EQ((*live)[0].window.start, at("2024-01-01T00:00:00Z"));
  EXPECT_EQ((*live)[1].job.state, JobState::downloading);
  EXPECT_EQ((*live)[1].job.export_id, "e-b");
  EXPECT_EQ((*live)[1].job.part_path, "leads/b.csv.part");
  EXPECT_EQ((*live)[1].job.bytes_on_disk, 300);
  EXPECT_EQ((*live)[1].window.end, at("2024-01-15T00:00:00Z"));

  auto found = store().find_job_by_export_id("e-b");
  ASSERT_TRUE(found);
  ASSERT_TRUE(found->has_value());
  EXPECT_EQ((*found)->id, *b);
  auto missing = store().find_job_by_export_id("nope");
  ASSERT_TRUE(missing);
  EXPECT_FALSE(missing->has_value());

  // The live jobs still block duplicates after the restart; the failed one's window is free.
  EXPECT_FALSE(store().record_intent(w[0]));
  EXPECT_FALSE(store().record_intent(w[1]));
  EXPECT_TRUE(store().record_intent(w[2]));
  EXPECT_TRUE(store().integrity_check());
}

TEST_F(StateJobs, CountsJobsByState) {
  const auto w = three_weeks();
  ASSERT_TRUE(store().record_intent(w[0]));
  const JobId done = completed_job(w[1], "e-1");
  ASSERT_TRUE(store().set_state(done, JobState::failed));
  completed_job(w[2], "e-2");
  auto counts = store().count_jobs_by_state();
  ASSERT_TRUE(counts);
  EXPECT_EQ(counts->size(), 10u);
  EXPECT_EQ(counts->at(JobState::intent), 1);
  EXPECT_EQ(counts->at(JobState::failed), 1);
  EXPECT_EQ(counts->at(JobState::completed), 1);
  EXPECT_EQ(counts->at(JobState::staged), 0);
}

}  // namespace
}  // namespace msync::state::test
