// The state as JSON (status --json, GET /status) and as systemd's one-line STATUS=.
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <rapidjson/document.h>

#include "daemon/status_json.hpp"
#include "daemon/status_line.hpp"

namespace msync::daemon {
namespace {

using ::testing::HasSubstr;

core::Timestamp at(const char* iso) { return *core::parse_iso8601(iso); }

state::StatusSnapshot snapshot() {
  state::StatusSnapshot s;
  state::SyncStatus created;
  created.sync.name = "leads_created";
  created.sync.kind = state::SyncKind::incremental;
  created.sync.watermark = at("2025-03-01T00:00:00Z");
  created.windows_staged = 8;
  created.windows_in_flight = 2;
  created.windows_pending = 3;
  created.windows_failed = 1;
  created.planned_until = at("2025-03-15T00:00:00Z");
  created.last_job_error = "export.create: 1003 \"bad\"";
  state::SyncStatus vip;
  vip.sync.name = "vip";
  vip.sync.kind = state::SyncKind::snapshot;
  vip.sync.watermark = at("2025-03-01T23:00:00Z");
  vip.sync.error = "1035: smartListName is disabled";
  s.syncs = {created, vip};
  state::LiveJob processing;
  processing.window.sync = "leads_created";
  processing.window.start = at("2025-03-01T00:00:00Z");
  processing.window.end = at("2025-03-08T00:00:00Z");
  processing.job.state = state::JobState::processing;
  processing.job.export_id = "abc-123";
  state::LiveJob intent = processing;
  intent.job.state = state::JobState::intent;
  intent.job.export_id.reset();
  s.in_flight = {processing, intent};
  state::ImportBatch batch;
  batch.import = "webinar";
  batch.source = "attendees.csv";
  batch.part = 1;
  batch.state = state::ImportState::queued;
  batch.batch_id = 4321;
  s.imports_in_flight = {batch};
  s.quota_day = at("2025-03-02T06:00:00Z");
  s.export_bytes = 12'345'678;
  s.calls = 250;
  return s;
}

TEST(StatusJson, CarriesEverySyncJobAndImportWithLag) {
  const std::string json = status_json(snapshot(), at("2025-03-02T12:00:00Z"));
  rapidjson::Document d;
  d.Parse(json.c_str());
  ASSERT_FALSE(d.HasParseError()) << json;
  EXPECT_STREQ(d["generatedAt"].GetString(), "2025-03-02T12:00:00Z");
  EXPECT_STREQ(d["quotaDay"].GetString(), "2025-03-02T06:00:00Z");
  EXPECT_EQ(d["exportBytesToday"].GetInt64(), 12'345'678);
  EXPECT_EQ(d["callsToday"].GetInt64(), 250);
  ASSERT_EQ(d["syncs"].Size(), 2u);
  const auto& created = d["syncs"][0];
  EXPECT_STREQ(created["name"].GetString(), "leads_created");
  EXPECT_STREQ(created["kind"].GetString(), "incremental");
  EXPECT_EQ(created["lagSeconds"].GetInt64(), 36 * 3600);
  EXPECT_EQ(created["windowsStaged"].GetInt64(), 8);
  EXPECT_EQ(created["windowsInFlight"].GetInt64(), 2);
  EXPECT_EQ(created["windowsPending"].GetInt64(), 3);
  EXPECT_EQ(created["windowsFailed"].GetInt64(), 1);
  EXPECT_STREQ(created["plannedUntil"].GetString(), "2025-03-15T00:00:00Z");
  EXPECT_TRUE(created["error"].IsNull());
  EXPECT_STREQ(created["lastJobError"].GetString(), "export.create: 1003 \"bad\"");
  const auto& vip = d["syncs"][1];
  EXPECT_TRUE(vip["plannedUntil"].IsNull());
  EXPECT_STREQ(vip["error"].GetString(), "1035: smartListName is disabled");
  EXPECT_EQ(vip["lagSeconds"].GetInt64(), 13 * 3600);
  ASSERT_EQ(d["jobsInFlight"].Size(), 2u);
  EXPECT_STREQ(d["jobsInFlight"][0]["state"].GetString(), "processing");
  EXPECT_STREQ(d["jobsInFlight"][0]["exportId"].GetString(), "abc-123");
  EXPECT_STREQ(d["jobsInFlight"][0]["windowEnd"].GetString(), "2025-03-08T00:00:00Z");
  EXPECT_TRUE(d["jobsInFlight"][1]["exportId"].IsNull());
  ASSERT_EQ(d["importsInFlight"].Size(), 1u);
  EXPECT_STREQ(d["importsInFlight"][0]["import"].GetString(), "webinar");
  EXPECT_STREQ(d["importsInFlight"][0]["source"].GetString(), "attendees.csv");
  EXPECT_EQ(d["importsInFlight"][0]["part"].GetInt64(), 1);
  EXPECT_STREQ(d["importsInFlight"][0]["state"].GetString(), "queued");
  EXPECT_EQ(d["importsInFlight"][0]["batchId"].GetInt64(), 4321);
}

TEST(StatusJson, EmptyStateIsAValidDocument) {
  const std::string json = status_json(state::StatusSnapshot{}, at("2025-03-02T12:00:00Z"));
  rapidjson::Document d;
  d.Parse(json.c_str());
  ASSERT_FALSE(d.HasParseError()) << json;
  EXPECT_EQ(d["syncs"].Size(), 0u);
  EXPECT_EQ(d["jobsInFlight"].Size(), 0u);
  EXPECT_EQ(d["importsInFlight"].Size(), 0u);
}

TEST(StatusLine, SummarisesTheStateOnOneLine) {
  const std::string line = status_line(snapshot());
  EXPECT_EQ(line,
            "2 syncs: 8 windows staged, 4 waiting, 2 jobs in flight (1 intent, 1 processing); 1 import in "
            "flight; today 12.3 MB exported in 250 calls; 1 sync stopped by an error");
  EXPECT_EQ(status_line(state::StatusSnapshot{}),
            "0 syncs: 0 windows staged, 0 waiting, 0 jobs in flight; 0 imports in flight; today 0.0 MB "
            "exported in 0 calls");
}

}  // namespace
}  // namespace msync::daemon
