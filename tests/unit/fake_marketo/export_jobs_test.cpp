// enqueue / status / cancel: the job clock, the slots, the queue, the quota.
#include "sim_fixture.hpp"

namespace fake::testing {
namespace {

class SimJobsTest : public SimFixture {};

std::set<std::string> keys(const rapidjson::Value& o) {
  std::set<std::string> out;
  for (const auto& m : o.GetObject()) out.insert(m.name.GetString());
  return out;
}

TEST_F(SimJobsTest, EnqueueAnswersQueuedShapedLikeSeed) {
  start();
  const std::string id = create();
  now_ += 34s;
  const auto d = enqueue(id);
  ASSERT_TRUE(d["success"].GetBool());
  const auto& job = d["result"][0];
  EXPECT_EQ(keys(job), (std::set<std::string>{"exportId", "format", "status", "createdAt", "queuedAt"}));
  EXPECT_EQ(std::string(job["exportId"].GetString()), id);
  EXPECT_EQ(std::string(job["status"].GetString()), "Queued");
  EXPECT_EQ(std::string(job["createdAt"].GetString()), "2024-06-03T12:00:00Z");
  EXPECT_EQ(std::string(job["queuedAt"].GetString()), "2024-06-03T12:00:34Z");
}

TEST_F(SimJobsTest, JobMovesThroughQueuedProcessingCompleted) {
  start();
  const std::string id = create();
  EXPECT_EQ(status_of(id), "Created");
  enqueue(id);
  now_ += 999ms;
  EXPECT_EQ(status_of(id), "Queued");  // queue_seconds = 1
  now_ += 1ms;
  auto d = status(id);
  EXPECT_EQ(std::string(d["result"][0]["status"].GetString()), "Processing");
  EXPECT_EQ(keys(d["result"][0]),
            (std::set<std::string>{"exportId", "format", "status", "createdAt", "queuedAt", "startedAt"}));
  EXPECT_EQ(std::string(d["result"][0]["startedAt"].GetString()), "2024-06-03T12:00:01Z");
  now_ += 2s;  // process_seconds = 2
  d = status(id);
  const auto& job = d["result"][0];
  EXPECT_EQ(std::string(job["status"].GetString()), "Completed");
  EXPECT_EQ(keys(job), (std::set<std::string>{"exportId", "format", "status", "createdAt", "queuedAt",
                                              "startedAt", "finishedAt", "numberOfRecords", "fileSize",
                                              "fileChecksum"}));
  EXPECT_EQ(std::string(job["finishedAt"].GetString()), "2024-06-03T12:00:03Z");
  const std::string checksum = job["fileChecksum"].GetString();
  EXPECT_EQ(checksum.rfind("sha256:", 0), 0u);
  EXPECT_EQ(checksum.size(), 7u + 64u);
  EXPECT_GT(job["fileSize"].GetUint64(), 0u);
}

TEST_F(SimJobsTest, EnqueueOnlyFromCreated) {
  start();
  const std::string id = create();
  EXPECT_EQ(error_code(enqueue(id)), "");
  auto again = enqueue(id);
  EXPECT_EQ(error_code(again), "1029");
  EXPECT_EQ(error_message(again), "Job already queued");
  now_ += 1500ms;
  ASSERT_EQ(status_of(id), "Processing");
  EXPECT_EQ(error_message(enqueue(id)), "Job already queued");
  now_ += 2s;
  ASSERT_EQ(status_of(id), "Completed");
  EXPECT_EQ(error_code(enqueue(id)), "1003");
}

TEST_F(SimJobsTest, UnknownExportIdIs1003OnEveryJobEndpoint) {
  start();
  const std::string id = "00000000-0000-4000-8000-000000000000";
  for (const auto& [method, action] : std::vector<std::pair<std::string, std::string>>{
           {"POST", "enqueue"}, {"GET", "status"}, {"POST", "cancel"}, {"GET", "file"}}) {
    const auto d = call(method, "/bulk/v1/leads/export/" + id + "/" + action + ".json");
    EXPECT_EQ(error_code(d), "1003") << action;
    EXPECT_NE(error_message(d).find(id), std::string::npos);
    EXPECT_NE(error_message(d).find("not found"), std::string::npos);
  }
}

TEST_F(SimJobsTest, QueueHoldsAtMostMaxQueuedIncludingProcessing) {
  options_.process_seconds = 1000;
  start();
  for (int i = 0; i < 10; ++i) {
    ASSERT_EQ(error_code(enqueue(create())), "") << i;
    now_ += 5s;  // some start processing meanwhile: they still count
  }
  const std::string eleventh = create();
  const auto d = enqueue(eleventh);
  EXPECT_EQ(error_code(d), "1029");
  EXPECT_EQ(error_message(d), "Too many jobs (10) in queue");
  EXPECT_EQ(status_of(eleventh), "Created");
  now_ += 1000s;  // the first one finishes: room again
  EXPECT_EQ(error_code(enqueue(eleventh)), "");
}

TEST_F(SimJobsTest, AtMostMaxProcessingFirstComeFirstServed) {
  options_.process_seconds = 10;
  start();
  const std::string a = create(), b = create(), c = create();
  enqueue(a);
  now_ += 100ms;
  enqueue(b);
  now_ += 100ms;
  enqueue(c);
  now_ += 5s;
  EXPECT_EQ(status_of(a), "Processing");
  EXPECT_EQ(status_of(b), "Processing");
  EXPECT_EQ(status_of(c), "Queued");
  now_ += 6s;  // a finished at 11 s, c took its slot then
  EXPECT_EQ(status_of(a), "Completed");
  const auto d = status(c);
  EXPECT_EQ(std::string(d["result"][0]["status"].GetString()), "Processing");
  EXPECT_EQ(std::string(d["result"][0]["startedAt"].GetString()), "2024-06-03T12:00:11Z");
}

TEST_F(SimJobsTest, CancelAnswersSeedShapeAndFreesTheSlot) {
  options_.max_processing = 1;
  options_.process_seconds = 100;
  start();
  const std::string created = create();
  auto d = call("POST", "/bulk/v1/leads/export/" + created + "/cancel.json");
  ASSERT_TRUE(d["success"].GetBool());
  EXPECT_EQ(keys(d["result"][0]), (std::set<std::string>{"exportId", "format", "status", "createdAt"}));
  EXPECT_EQ(std::string(d["result"][0]["status"].GetString()), "Cancelled");
  EXPECT_EQ(error_code(call("POST", "/bulk/v1/leads/export/" + created + "/cancel.json")), "");  // again: harmless
  EXPECT_EQ(error_code(enqueue(created)), "1003");

  const std::string running = create(), waiting = create();
  enqueue(running);
  enqueue(waiting);
  now_ += 10s;
  ASSERT_EQ(status_of(running), "Processing");
  ASSERT_EQ(status_of(waiting), "Queued");
  EXPECT_EQ(error_code(call("POST", "/bulk/v1/leads/export/" + running + "/cancel.json")), "");
  EXPECT_EQ(status_of(running), "Cancelled");
  now_ += 1ms;
  EXPECT_EQ(status_of(waiting), "Processing");
  EXPECT_EQ(file(running).status, 404u);
}

TEST_F(SimJobsTest, CancelOfFinishedJobIs1003) {
  start();
  const std::string id = create();
  enqueue(id);
  now_ += 10s;
  ASSERT_EQ(status_of(id), "Completed");
  EXPECT_EQ(error_code(call("POST", "/bulk/v1/leads/export/" + id + "/cancel.json")), "1003");
}

TEST_F(SimJobsTest, StatusLagsUntilTheNextRefreshTick) {
  options_.status_refresh_seconds = 60;
  options_.process_seconds = 90;
  start();
  const std::string id = create();
  enqueue(id);  // own moves show at once
  EXPECT_EQ(status_of(id), "Queued");
  now_ += 59s;
  EXPECT_EQ(status_of(id), "Queued");  // started at 1 s, not yet refreshed
  now_ += 1s;
  EXPECT_EQ(status_of(id), "Processing");
  now_ += 32s;  // completed at 91 s; the status still says Processing until 120 s
  EXPECT_EQ(status_of(id), "Processing");
  EXPECT_EQ(file(id).status, 200u);  // the file itself is there already
  now_ += 28s;
  EXPECT_EQ(status_of(id), "Completed");
}

TEST_F(SimJobsTest, ForeignJobsTakeSlotsFirst) {
  options_.foreign_jobs = 3;
  options_.foreign_job_seconds = 100;
  start();  // the first request: foreign jobs are queued now
  const std::string id = create();
  enqueue(id);
  now_ += 50s;
  EXPECT_EQ(status_of(id), "Queued");  // two foreign processing, one foreign ahead in the queue
  now_ += 50s;  // two foreign done: the third foreign and ours start
  const auto d = status(id);
  EXPECT_EQ(std::string(d["result"][0]["status"].GetString()), "Processing");
  EXPECT_EQ(std::string(d["result"][0]["startedAt"].GetString()), "2024-06-03T12:01:40Z");
  const auto list = call("GET", "/bulk/v1/leads/export.json");
  ASSERT_EQ(list["result"].Size(), 1u);  // foreign jobs are never listed
}

TEST_F(SimJobsTest, ForeignJobsCountAgainstTheQueue) {
  options_.foreign_jobs = 9;
  start();
  EXPECT_EQ(error_code(enqueue(create())), "");
  EXPECT_EQ(error_message(enqueue(create())), "Too many jobs (10) in queue");
}

TEST_F(SimJobsTest, DailyQuotaResetsAtUsCentralMidnight) {
  start();
  const std::string first = create();
  enqueue(first);
  now_ += 10s;
  const auto done = status(first);
  ASSERT_EQ(std::string(done["result"][0]["status"].GetString()), "Completed");
  const std::uint64_t size = done["result"][0]["fileSize"].GetUint64();
  sim_.reset();
  // A fresh simulator whose quota is exactly one such file.
  options_.daily_quota_bytes = size;
  now_ = kStart;
  start();
  const std::string a = create(), b = create(), c = create();
  enqueue(a);
  now_ += 10s;
  ASSERT_EQ(status_of(a), "Completed");
  const auto refused = enqueue(b);
  EXPECT_EQ(error_code(refused), "1029");
  EXPECT_EQ(error_message(refused), "Export daily quota exceeded");
  // June: US Central is UTC-5, so the day turns at 05:00Z.
  now_ = SimTime{std::chrono::sys_days{std::chrono::year{2024} / 6 / 4}} + 4h + 59min + 59s;
  token_ = fetch_token();
  EXPECT_EQ(error_message(enqueue(b)), "Export daily quota exceeded");
  now_ += 1s;
  EXPECT_EQ(error_code(enqueue(b)), "");
  (void)c;
}

TEST_F(SimJobsTest, ExhaustQuotaLastsUntilMidnightInWinterToo) {
  now_ = SimTime{std::chrono::sys_days{std::chrono::year{2024} / 1 / 15}} + 12h;
  start();
  sim_->exhaust_quota();
  const std::string id = create();
  EXPECT_EQ(error_message(enqueue(id)), "Export daily quota exceeded");
  // January: US Central is UTC-6, so the day turns at 06:00Z.
  sim_->advance_clock(16h + 59min);  // 04:59Z next day
  token_ = fetch_token();
  EXPECT_EQ(error_message(enqueue(id)), "Export daily quota exceeded");
  sim_->advance_clock(1h);  // 05:59Z
  token_ = fetch_token();
  EXPECT_EQ(error_message(enqueue(id)), "Export daily quota exceeded");
  sim_->advance_clock(1min);  // 06:00Z
  EXPECT_EQ(error_code(enqueue(id)), "");
}

TEST_F(SimJobsTest, AdvanceClockMovesJobs) {
  start();
  const std::string id = create();
  enqueue(id);
  sim_->advance_clock(3s);
  EXPECT_EQ(status_of(id), "Completed");
}

TEST_F(SimJobsTest, JobsAreVisibleOnlyToTheirApiUser) {
  options_.extra_clients = {{"other-client", "other-secret"}};
  start();
  const std::string mine = create();
  const std::string my_token = token_;
  token_ = fetch_token("other-client", "other-secret");
  EXPECT_NE(token_, my_token);
  EXPECT_EQ(error_code(status(mine)), "1003");
  EXPECT_EQ(error_code(enqueue(mine)), "1003");
  EXPECT_EQ(call("GET", "/bulk/v1/leads/export.json")["result"].Size(), 0u);
  const std::string theirs = create();
  token_ = my_token;
  EXPECT_EQ(error_code(status(theirs)), "1003");
  EXPECT_EQ(status_of(mine), "Created");
}

TEST_F(SimJobsTest, BadOptionsAreRefused) {
  options_.max_processing = 0;
  EXPECT_THROW(make_simulator(options_), std::invalid_argument);
  options_.max_processing = 3;
  options_.max_queued = 2;
  EXPECT_THROW(make_simulator(options_), std::invalid_argument);
  options_.max_queued = 10;
  options_.disabled_filters = {"programId"};
  EXPECT_THROW(make_simulator(options_), std::invalid_argument);
}

}  // namespace
}  // namespace fake::testing
