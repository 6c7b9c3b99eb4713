// ExportEngine end to end over a real store, staging area and io_context, against FakeApi.
#include <algorithm>

#include <gmock/gmock.h>

#include "engine_fixture.hpp"
#include "staging/staging.hpp"

namespace msync::exports::test {
namespace {

using ::testing::HasSubstr;
using state::JobState;

bool has_field(const CallRecord& call, const std::string& field) {
  const auto& fields = call.spec.fields;
  return std::find(fields.begin(), fields.end(), field) != fields.end();
}

std::vector<std::uint64_t> offsets(const std::vector<CallRecord>& calls) {
  std::vector<std::uint64_t> result;
  for (const auto& call : calls) result.push_back(call.offset);
  return result;
}

class ExportEngineTest : public EngineTest {
 protected:
  // Every window of the sync is staged: the file holds the job's body and the manifest names
  // the bounds exactly as sent to Marketo.
  void expect_all_staged(const std::string& sync) {
    const auto windows = windows_of(sync);
    ASSERT_FALSE(windows.empty());
    for (const auto& window : windows) {
      EXPECT_TRUE(window.staged_at.has_value()) << sync << " window " << core::format_iso8601(window.start);
    }
    for (const auto& job : jobs_of(sync)) {
      if (job.state != JobState::staged) continue;
      ASSERT_TRUE(job.export_id && job.staged_path && job.manifest_path);
      EXPECT_EQ(read(*job.staged_path), api_.job(*job.export_id).body);
      auto manifest = staging::parse_manifest(read(*job.manifest_path));
      ASSERT_TRUE(manifest) << manifest.error().message;
      auto window = store_.get_window(job.window);
      ASSERT_TRUE(window);
      EXPECT_EQ(manifest->sync, sync);
      EXPECT_EQ(manifest->export_id, *job.export_id);
      EXPECT_EQ(manifest->filter.type, "createdAt");
      EXPECT_EQ(manifest->filter.start_at, window->start);
      EXPECT_EQ(manifest->filter.end_at, window->end - core::Seconds(1));
      EXPECT_EQ(manifest->records, 2u);
    }
  }

  // Where in the whole call sequence the first / last status poll of a job came.
  std::size_t first_poll_of(const std::string& export_id) const { return poll_indexes(export_id).front(); }
  std::size_t last_poll_of(const std::string& export_id) const { return poll_indexes(export_id).back(); }

  std::size_t creates_with(const std::string& field) {
    const auto creates = api_.calls_of(Call::create);
    return static_cast<std::size_t>(
        std::count_if(creates.begin(), creates.end(), [&](const auto& c) { return has_field(c, field); }));
  }

 private:
  std::vector<std::size_t> poll_indexes(const std::string& export_id) const {
    std::vector<std::size_t> result;
    for (std::size_t i = 0; i < api_.calls().size(); ++i)
      if (api_.calls()[i].call == Call::status && api_.calls()[i].export_id == export_id) result.push_back(i);
    if (result.empty()) ADD_FAILURE() << export_id << " was never polled";
    return result.empty() ? std::vector<std::size_t>{0} : result;
  }
};

TEST_F(ExportEngineTest, StagesEveryWindowWhateverOrderTheJobsComplete) {
  api_.polls_by_ordinal = {{1, 6}, {2, 3}, {3, 1}};  // the last window's job finishes first
  auto summary = run_engine({daily_sync("leads_created", "2024-03-07T00:00:00Z")}, settings());

  EXPECT_FALSE(summary.fatal);
  EXPECT_TRUE(summary.sync_errors.empty());
  EXPECT_FALSE(summary.paused_until);
  ASSERT_EQ(windows_of("leads_created").size(), 3u);
  expect_all_staged("leads_created");
  auto watermark = store_.watermark("leads_created");
  ASSERT_TRUE(watermark);
  EXPECT_EQ(*watermark, at("2024-03-10T00:00:00Z"));

  const auto creates = api_.calls_of(Call::create);
  ASSERT_EQ(creates.size(), 3u);
  std::vector<core::Timestamp> starts;
  for (const auto& create : creates) {
    starts.push_back(create.spec.filter.start_at);
    EXPECT_EQ(create.spec.filter.end_at, create.spec.filter.start_at + std::chrono::days(1) - core::Seconds(1));
  }
  std::sort(starts.begin(), starts.end());
  EXPECT_EQ(starts, (std::vector<core::Timestamp>{at("2024-03-07T00:00:00Z"), at("2024-03-08T00:00:00Z"),
                                                   at("2024-03-09T00:00:00Z")}));
  EXPECT_EQ(api_.count(Call::enqueue), 3u);
  EXPECT_EQ(api_.count(Call::download), 3u);
  for (const auto& job : jobs_of("leads_created")) EXPECT_EQ(job.state, JobState::staged);
}

TEST_F(ExportEngineTest, ARestartReattachesToLiveJobsByExportId) {
  const auto sync = daily_sync("leads_created", "2024-03-07T00:00:00Z");
  api_.hold = true;
  auto first = run_engine({sync}, settings(), [&] { return api_.in_queue() == 3; });
  EXPECT_FALSE(first.fatal);
  for (const auto& job : jobs_of("leads_created")) {
    EXPECT_TRUE(job.state == JobState::queued || job.state == JobState::processing);
  }
  ASSERT_EQ(api_.count(Call::create), 3u);
  const auto before = api_.calls().size();

  api_.hold = false;
  auto second = run_engine({sync}, settings());
  EXPECT_FALSE(second.fatal);
  EXPECT_EQ(api_.count(Call::create), 3u);
  EXPECT_EQ(api_.count(Call::enqueue), 3u);
  for (std::size_t i = before; i < api_.calls().size(); ++i) {
    const auto& call = api_.calls()[i];
    // Only questions and downloads: nothing re-created, nothing enqueued twice.
    EXPECT_TRUE(call.call == Call::status || call.call == Call::download || call.call == Call::list)
        << "call " << static_cast<int>(call.call) << " for " << call.export_id;
  }
  expect_all_staged("leads_created");
  EXPECT_EQ(jobs_of("leads_created").size(), 3u);
}

TEST_F(ExportEngineTest, AJobLeftCreatedIsAskedAboutThenEnqueuedNotRecreated) {
  const auto sync = daily_sync("leads_created", "2024-03-07T00:00:00Z");
  ASSERT_TRUE(store_.ensure_sync("leads_created", state::SyncKind::incremental, at("2024-03-07T00:00:00Z")));
  const std::vector<state::WindowSpec> first{
      {state::WindowKind::incremental, at("2024-03-07T00:00:00Z"), at("2024-03-08T00:00:00Z")}};
  auto ids = store_.add_windows("leads_created", first);
  ASSERT_TRUE(ids);
  auto job = store_.record_intent(ids->front());
  ASSERT_TRUE(job);
  ASSERT_TRUE(store_.set_created(*job, "old-1", at("2024-03-09T23:00:00Z")));
  api_.adopt("old-1", export_spec_for(sync, first[0].start, first[0].end), marketo::ExportStatus::created);

  auto summary = run_engine({sync}, settings());
  EXPECT_FALSE(summary.fatal);
  for (const auto& create : api_.calls_of(Call::create))
    EXPECT_NE(create.spec.filter.start_at, at("2024-03-07T00:00:00Z"));
  EXPECT_EQ(api_.count(Call::create), 2u);
  std::vector<Call> old_calls;
  for (const auto& call : api_.calls())
    if (call.export_id == "old-1") old_calls.push_back(call.call);
  ASSERT_GE(old_calls.size(), 3u);
  EXPECT_EQ(old_calls[0], Call::status);
  EXPECT_EQ(old_calls[1], Call::enqueue);
  auto stored = store_.get_job(*job);
  ASSERT_TRUE(stored);
  EXPECT_EQ(stored->state, JobState::staged);
  expect_all_staged("leads_created");
}

TEST_F(ExportEngineTest, TooManyJobsParksTheJobAndEnqueuesItLater) {
  api_.fail({Call::enqueue, too_many_jobs(), 1, {}});
  auto config = settings();
  config.max_queued = 2;
  // None of ours is queued when the 1029 comes, so the engine believes the queue full for one
  // poll interval (rounded up to 1 s) of clock time: let that second pass, once.
  bool advanced = false;
  auto summary = run_engine({daily_sync("leads_created", "2024-03-06T00:00:00Z")}, config, [&] {
    if (!advanced && api_.count(Call::enqueue) == 1) {
      clock_.advance(core::Seconds(1));
      advanced = true;
    }
    return false;
  });

  EXPECT_FALSE(summary.fatal);
  expect_all_staged("leads_created");
  EXPECT_EQ(api_.count(Call::create), 4u);   // the parked job is not re-created
  EXPECT_EQ(api_.count(Call::enqueue), 5u);  // but enqueued again
  const auto refused = api_.calls_of(Call::enqueue).front().export_id;
  EXPECT_EQ(api_.job(refused).status, marketo::ExportStatus::completed);
  EXPECT_LE(api_.max_in_queue(), 2u);
}

TEST_F(ExportEngineTest, AFullSharedQueueNeverGetsMoreThanMaxQueuedOfOurs) {
  api_.queue_capacity = 2;  // others hold the rest of the subscription's queue
  api_.polls_to_complete = 3;
  auto config = settings();
  config.max_queued = 3;
  auto summary = run_engine({daily_sync("leads_created", "2024-03-04T00:00:00Z")}, config);

  EXPECT_FALSE(summary.fatal);
  expect_all_staged("leads_created");
  EXPECT_EQ(api_.count(Call::create), 6u);
  EXPECT_GE(api_.slot_refusals(), 1u);
  EXPECT_LE(api_.max_in_queue(), 2u);
}

TEST_F(ExportEngineTest, NeverMoreThanMaxQueuedInMarketosQueue) {
  api_.polls_to_complete = 20;  // long enough that the budget, not completion, limits the queue
  auto config = settings();
  config.max_queued = 2;
  auto summary = run_engine({daily_sync("leads_created", "2024-03-03T00:00:00Z")}, config);
  EXPECT_FALSE(summary.fatal);
  expect_all_staged("leads_created");
  EXPECT_EQ(api_.max_in_queue(), 2u);
}

TEST_F(ExportEngineTest, DailyQuotaPausesTheRunUntilUsCentralMidnight) {
  api_.fail({Call::enqueue, daily_quota(), -1, {}});
  auto summary = run_engine({daily_sync("leads_created", "2024-03-07T00:00:00Z")}, settings());

  ASSERT_TRUE(summary.paused_until);
  EXPECT_EQ(*summary.paused_until, core::next_us_central_midnight(clock_.now()));
  EXPECT_EQ(*summary.paused_until, at("2024-03-10T06:00:00Z"));  // midnight CST
  EXPECT_FALSE(summary.fatal);
  EXPECT_EQ(api_.count(Call::download), 0u);
  for (const auto& job : jobs_of("leads_created")) EXPECT_EQ(job.state, JobState::created);
}

TEST_F(ExportEngineTest, FilterDisabledStopsOnlyThatSyncAfterOneCreate) {
  api_.fail({Call::create, filter_disabled(), -1, [](const CallRecord& c) { return has_field(c, "bad"); }});
  auto summary = run_engine({daily_sync("bad", "2024-03-07T00:00:00Z", {"id", "bad"}),
                             daily_sync("good", "2024-03-07T00:00:00Z", {"id", "good"})},
                            settings());

  EXPECT_FALSE(summary.fatal);
  ASSERT_EQ(summary.sync_errors.size(), 1u);
  EXPECT_THAT(summary.sync_errors[0], HasSubstr("bad: "));
  EXPECT_THAT(summary.sync_errors[0], HasSubstr("1035"));
  auto bad = store_.get_sync("bad");
  ASSERT_TRUE(bad);
  EXPECT_TRUE(bad->error.has_value());
  EXPECT_EQ(creates_with("bad"), 1u);
  for (const auto& window : windows_of("bad")) EXPECT_FALSE(window.staged_at);
  expect_all_staged("good");
  EXPECT_EQ(creates_with("good"), 3u);
}

TEST_F(ExportEngineTest, AStoppedSyncIsTriedAgainOnTheNextRun) {
  api_.fail({Call::create, filter_disabled(), 1, [](const CallRecord& c) { return has_field(c, "bad"); }});
  const auto syncs = std::vector{daily_sync("bad", "2024-03-07T00:00:00Z", {"id", "bad"})};
  auto stopped = run_engine(syncs, settings());
  ASSERT_EQ(stopped.sync_errors.size(), 1u);
  EXPECT_TRUE(store_.get_sync("bad")->error.has_value());

  // Marketo answers normally now (say the filter was enabled): the next run stages everything.
  auto again = run_engine(syncs, settings());
  EXPECT_TRUE(again.sync_errors.empty());
  EXPECT_FALSE(store_.get_sync("bad")->error.has_value());
  expect_all_staged("bad");
}

TEST_F(ExportEngineTest, RefusedCredentialsEndTheRunAsFatal) {
  api_.fail({Call::create, access_denied(), -1, {}});
  auto summary = run_engine({daily_sync("leads_created", "2024-03-07T00:00:00Z")}, settings());
  ASSERT_TRUE(summary.fatal);
  EXPECT_THAT(*summary.fatal, HasSubstr("603"));
  EXPECT_GE(api_.count(Call::create), 1u);
  EXPECT_EQ(api_.count(Call::enqueue), 0u);
  for (const auto& window : windows_of("leads_created")) EXPECT_FALSE(window.staged_at);
}

TEST_F(ExportEngineTest, ACutDownloadResumesFromWhatIsOnDisk) {
  api_.fail({Call::download, file_not_available(), 1, {}});  // not there yet: tried again
  api_.cuts = 1;
  api_.cut_after = 10;
  auto summary = run_engine({daily_sync("leads_created", "2024-03-09T00:00:00Z")}, settings());
  EXPECT_FALSE(summary.fatal);
  EXPECT_EQ(offsets(api_.calls_of(Call::download)), (std::vector<std::uint64_t>{0, 0, 10}));
  expect_all_staged("leads_created");
}

TEST_F(ExportEngineTest, AChecksumMismatchDownloadsAgainFromTheStart) {
  api_.corrupt_downloads = 1;
  auto summary = run_engine({daily_sync("leads_created", "2024-03-09T00:00:00Z")}, settings());
  EXPECT_FALSE(summary.fatal);
  EXPECT_TRUE(summary.sync_errors.empty());
  EXPECT_EQ(offsets(api_.calls_of(Call::download)), (std::vector<std::uint64_t>{0, 0}));
  EXPECT_EQ(api_.count(Call::create), 1u);
  expect_all_staged("leads_created");
}

TEST_F(ExportEngineTest, APersistentMismatchFailsTheJobAfterMaxDownloadAttempts) {
  api_.lie_about_checksum = true;
  auto config = settings();
  config.max_download_attempts = 2;
  config.max_window_attempts = 2;
  auto summary = run_engine({daily_sync("leads_created", "2024-03-09T00:00:00Z")}, config);

  EXPECT_EQ(api_.count(Call::create), 2u);    // one new job for the window, then the sync stops
  EXPECT_EQ(api_.count(Call::download), 4u);  // two attempts per job
  const auto jobs = jobs_of("leads_created");
  ASSERT_EQ(jobs.size(), 2u);
  for (const auto& job : jobs) {
    EXPECT_EQ(job.state, JobState::failed);
    EXPECT_THAT(job.error.value_or(""), HasSubstr("never matched"));
  }
  ASSERT_EQ(summary.sync_errors.size(), 1u);
  EXPECT_FALSE(windows_of("leads_created").front().staged_at);
}

TEST_F(ExportEngineTest, AFailedMarketoJobGetsANewJobForItsWindow) {
  api_.fail_jobs = 1;
  auto summary = run_engine({daily_sync("leads_created", "2024-03-09T00:00:00Z")}, settings());
  EXPECT_TRUE(summary.sync_errors.empty());
  EXPECT_EQ(api_.count(Call::create), 2u);
  const auto jobs = jobs_of("leads_created");
  ASSERT_EQ(jobs.size(), 2u);
  EXPECT_EQ(jobs[0].state, JobState::failed);
  EXPECT_THAT(jobs[0].error.value_or(""), HasSubstr("scripted failure"));
  EXPECT_EQ(jobs[1].state, JobState::staged);
  expect_all_staged("leads_created");
}

TEST_F(ExportEngineTest, AWindowThatKeepsFailingStopsItsSync) {
  api_.fail_jobs = 100;
  auto config = settings();
  config.max_window_attempts = 3;
  auto summary = run_engine({daily_sync("leads_created", "2024-03-09T00:00:00Z")}, config);
  EXPECT_FALSE(summary.fatal);
  ASSERT_EQ(summary.sync_errors.size(), 1u);
  EXPECT_THAT(summary.sync_errors[0], HasSubstr("leads_created: "));
  EXPECT_EQ(api_.count(Call::create), 3u);
  const auto windows = windows_of("leads_created");
  ASSERT_EQ(windows.size(), 1u);
  EXPECT_EQ(windows[0].attempts, 3);
  EXPECT_FALSE(windows[0].staged_at);
  for (const auto& job : jobs_of("leads_created")) EXPECT_EQ(job.state, JobState::failed);
}

TEST_F(ExportEngineTest, SyncsTakeTurnsAndIncrementalWindowsGoBeforeBackfill) {
  for (const char* name : {"a", "b"}) {
    ASSERT_TRUE(store_.ensure_sync(name, state::SyncKind::incremental, at("2024-03-08T00:00:00Z")));
    const std::vector<state::WindowSpec> backfill{
        {state::WindowKind::backfill, at("2024-01-01T00:00:00Z"), at("2024-01-02T00:00:00Z")}};
    ASSERT_TRUE(store_.add_windows(name, backfill));
  }
  auto config = settings();
  config.max_queued = 1;
  auto summary = run_engine({daily_sync("b", "2024-03-08T00:00:00Z", {"id", "b"}),
                             daily_sync("a", "2024-03-08T00:00:00Z", {"id", "a"})},
                            config);
  EXPECT_FALSE(summary.fatal);

  std::vector<std::pair<std::string, std::string>> order;
  for (const auto& create : api_.calls_of(Call::create))
    order.emplace_back(has_field(create, "a") ? "a" : "b", core::format_iso8601(create.spec.filter.start_at));
  const std::vector<std::pair<std::string, std::string>> expected{
      {"a", "2024-03-08T00:00:00Z"}, {"b", "2024-03-08T00:00:00Z"}, {"a", "2024-03-09T00:00:00Z"},
      {"b", "2024-03-09T00:00:00Z"}, {"a", "2024-01-01T00:00:00Z"}, {"b", "2024-01-01T00:00:00Z"}};
  EXPECT_EQ(order, expected);
  EXPECT_EQ(api_.max_in_queue(), 1u);
  expect_all_staged("a");
  expect_all_staged("b");
}

// Jobs 1 and 2 take Marketo's two processing slots for 30 polls each; job 3, queued behind them,
// would complete at its first poll (the fake has no slots of its own).
TEST_F(ExportEngineTest, AQueuedJobBehindTwoOfOursIsNotPolledUntilOneOfThemLeaves) {
  api_.polls_by_ordinal = {{1, 30}, {2, 30}, {3, 1}};
  auto summary = run_engine({daily_sync("leads_created", "2024-03-07T00:00:00Z")}, settings());

  EXPECT_FALSE(summary.fatal);
  expect_all_staged("leads_created");
  // Polled every interval, job 3 would have been asked about at once, ~30 polls before either
  // job ahead of it completed; it is asked only after the first of them has.
  EXPECT_GT(first_poll_of("job-3"), std::min(last_poll_of("job-1"), last_poll_of("job-2")));
  EXPECT_EQ(api_.calls_of(Call::status).size(), 30u + 30u + 1u);
}

TEST_F(ExportEngineTest, AQueuedJobBehindTwoOfOursIsStillAskedAfterBlockedPollInterval) {
  api_.polls_by_ordinal = {{1, 100}, {2, 100}, {3, 1}};
  auto config = settings();
  config.blocked_poll_interval = std::chrono::milliseconds(10);  // 5 poll intervals
  auto summary = run_engine({daily_sync("leads_created", "2024-03-07T00:00:00Z")}, config);

  EXPECT_FALSE(summary.fatal);
  expect_all_staged("leads_created");
  // In case Marketo runs it sooner than its place says: asked long before the jobs ahead finish.
  EXPECT_LT(first_poll_of("job-3"), std::min(last_poll_of("job-1"), last_poll_of("job-2")));
}

}  // namespace
}  // namespace msync::exports::test
