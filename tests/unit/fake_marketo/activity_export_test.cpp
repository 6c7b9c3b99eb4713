// fake-marketo's bulk activity export: the fixed columns rendered from the seeded activity log,
// createdAt windows narrowed by type and primary attribute, and the one job board, queue and quota
// shared with the lead exports.
#include <gtest/gtest.h>

#include <set>

#include "csv/csv.hpp"
#include "sim_fixture.hpp"

namespace fake::testing {
namespace {

constexpr const char* kWindow = R"("createdAt":{"startAt":"2024-02-01T00:00:00Z","endAt":"2024-02-29T23:59:59Z"})";

std::vector<std::vector<std::string>> rows_of(const std::string& file) {
  msync::csv::RecordReader reader(file, ',');
  msync::csv::Record record;
  std::vector<std::vector<std::string>> rows;
  for (;;) {
    auto more = reader.next(record);
    EXPECT_TRUE(more.ok());
    if (!more.ok() || !*more) break;
    std::vector<std::string> row;
    for (const auto& field : record.fields) row.push_back(field.value);
    rows.push_back(std::move(row));
  }
  return rows;
}

DataOptions data() {
  DataOptions d;
  d.leads = 300;
  d.seed = 5;
  return d;
}

TEST(ActivityExport, FixedColumnsWithAttributesAsQuotedJson) {
  const auto result = expect(data(), std::string(R"({"filter":{)") + kWindow + "}}", "activities");
  ASSERT_TRUE(result.error.empty()) << result.error;
  const auto rows = rows_of(result.file);
  ASSERT_GT(rows.size(), 20u);
  EXPECT_EQ(rows[0], (std::vector<std::string>{"marketoGUID", "leadId", "activityDate", "activityTypeId", "campaignId",
                                               "primaryAttributeValueId", "primaryAttributeValue", "attributes"}));
  std::uint64_t previous = 0;
  bool saw_null_campaign = false;
  for (std::size_t i = 1; i < rows.size(); ++i) {
    const auto& row = rows[i];
    ASSERT_EQ(row.size(), 8u);
    const auto guid = std::stoull(row[0]);
    EXPECT_GT(guid, previous) << "rows come ordered by marketoGUID";
    previous = guid;
    EXPECT_GE(std::stoull(row[1]), 1u);
    EXPECT_LE(std::stoull(row[1]), 300u);
    EXPECT_GE(row[2], "2024-02-01T00:00:00Z");
    EXPECT_LE(row[2], "2024-02-29T23:59:59Z");
    saw_null_campaign = saw_null_campaign || row[4] == "null";
    EXPECT_TRUE(row[7].starts_with("{\"") && row[7].ends_with("\"}")) << row[7];
  }
  EXPECT_TRUE(saw_null_campaign);
  // In the file itself the JSON cell is quoted with its quotes doubled.
  EXPECT_NE(result.file.find(",\"{\"\""), std::string::npos);
}

TEST(ActivityExport, TypeAndPrimaryAttributeNarrowTheWindow) {
  const auto all = rows_of(expect(data(), std::string(R"({"filter":{)") + kWindow + "}}", "activities").file);
  const auto some = rows_of(expect(data(),
                                   std::string(R"({"fields":["marketoGUID","activityTypeId","primaryAttributeValueId"],"filter":{)") +
                                       kWindow + R"(,"activityTypeIds":[1,6]}})",
                                   "activities")
                                .file);
  ASSERT_GT(some.size(), 2u);
  EXPECT_LT(some.size(), all.size());
  EXPECT_EQ(some[0].size(), 3u);
  std::size_t expected = 0;
  for (std::size_t i = 1; i < all.size(); ++i) expected += all[i][3] == "1" || all[i][3] == "6";
  EXPECT_EQ(some.size() - 1, expected);
  for (std::size_t i = 1; i < some.size(); ++i) EXPECT_TRUE(some[i][1] == "1" || some[i][1] == "6") << some[i][1];

  const auto one = rows_of(expect(data(),
                                  std::string(R"({"fields":["primaryAttributeValueId"],"filter":{)") + kWindow +
                                      R"(,"primaryAttributeValueIds":[101]}})",
                                  "activities")
                               .file);
  ASSERT_GT(one.size(), 1u);
  for (std::size_t i = 1; i < one.size(); ++i) EXPECT_EQ(one[i][0], "101");
}

TEST(ActivityExport, RefusesWhatMarketoRefuses) {
  EXPECT_NE(expect(data(), R"({"filter":{"updatedAt":{"startAt":"2024-02-01T00:00:00Z","endAt":"2024-02-02T00:00:00Z"}}})",
                   "activities").error.find("1003"), std::string::npos);
  EXPECT_NE(expect(data(), std::string(R"({"fields":["email"],"filter":{)") + kWindow + "}}", "activities")
                .error.find("not a field of activities"), std::string::npos);
  EXPECT_NE(expect(data(), std::string(R"({"filter":{)") + kWindow + R"(,"activityTypeIds":[]}})", "activities")
                .error.find("activityTypeIds"), std::string::npos);
}

class SharedBoardTest : public SimFixture {};

TEST_F(SharedBoardTest, LeadAndActivityJobsShareOneQueueAndEachIsFoundOnlyOnItsPath) {
  options_.max_processing = 2;
  options_.max_queued = 3;
  start();
  const std::string activities = std::string(R"({"format":"CSV","filter":{)") + kWindow + "}}";
  std::vector<std::string> ids{create(), create()};
  for (int i = 0; i < 2; ++i) {
    const auto d = call("POST", "/bulk/v1/activities/export/create.json", activities);
    ASSERT_TRUE(d["success"].GetBool());
    ids.push_back(d["result"][0]["exportId"].GetString());
  }
  EXPECT_TRUE(enqueue(ids[0])["success"].GetBool());
  EXPECT_TRUE(call("POST", "/bulk/v1/activities/export/" + ids[2] + "/enqueue.json")["success"].GetBool());
  EXPECT_TRUE(enqueue(ids[1])["success"].GetBool());
  const auto full = send("POST", "/bulk/v1/activities/export/" + ids[3] + "/enqueue.json");
  EXPECT_EQ(error_code(json(full)), "1029");
  ASSERT_TRUE(full.export_queue.has_value());
  EXPECT_EQ(full.export_queue->queued, 3u);

  // An activity job is not a lead job: its id is unknown under the leads path, and each list
  // shows only its own entity's jobs.
  EXPECT_EQ(error_code(status(ids[2])), "1003");
  EXPECT_EQ(error_code(call("GET", "/bulk/v1/activities/export/" + ids[0] + "/status.json")), "1003");
  const auto listed = call("GET", "/bulk/v1/activities/export.json");
  std::set<std::string> shown;
  for (const auto& job : listed["result"].GetArray()) shown.insert(job["exportId"].GetString());
  EXPECT_EQ(shown, (std::set<std::string>{ids[2], ids[3]}));
}

TEST_F(SharedBoardTest, ACompletedActivityJobServesWhatExpectSays) {
  options_.data = data();
  options_.queue_seconds = 0;
  options_.process_seconds = 1;
  start();
  const std::string body = std::string(R"({"format":"CSV","filter":{)") + kWindow + R"(,"activityTypeIds":[12]}})";
  const auto d = call("POST", "/bulk/v1/activities/export/create.json", body);
  ASSERT_TRUE(d["success"].GetBool());
  const std::string id = d["result"][0]["exportId"].GetString();
  ASSERT_TRUE(call("POST", "/bulk/v1/activities/export/" + id + "/enqueue.json")["success"].GetBool());
  now_ += std::chrono::seconds(5);
  const auto done = call("GET", "/bulk/v1/activities/export/" + id + "/status.json");
  ASSERT_STREQ(done["result"][0]["status"].GetString(), "Completed");
  const auto r = send("GET", "/bulk/v1/activities/export/" + id + "/file.json");
  ASSERT_TRUE(r.file.has_value());
  const std::string served = body_of(r.file->path).substr(r.file->offset, r.file->length);
  EXPECT_EQ(served, expect(data(), body, "activities").file);
}

}  // namespace
}  // namespace fake::testing
