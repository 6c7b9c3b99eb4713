// export.json: this API user's jobs of the last 7 days, filtered by status, paged.
#include "sim_fixture.hpp"

namespace fake::testing {
namespace {

class SimListTest : public SimFixture {
 protected:
  std::vector<std::string> ids(const rapidjson::Document& d) {
    std::vector<std::string> out;
    for (const auto& j : d["result"].GetArray()) out.push_back(j["exportId"].GetString());
    return out;
  }
};

TEST_F(SimListTest, PagesWithNextPageToken) {
  start();
  std::vector<std::string> created;
  for (int i = 0; i < 7; ++i) created.push_back(create());
  std::vector<std::string> seen;
  std::string target = "/bulk/v1/leads/export.json?batchSize=3";
  int pages = 0;
  while (true) {
    const auto d = call("GET", target);
    ASSERT_TRUE(d["success"].GetBool());
    EXPECT_LE(d["result"].Size(), 3u);
    for (const auto& id : ids(d)) seen.push_back(id);
    ++pages;
    if (!d.HasMember("nextPageToken")) break;
    target = "/bulk/v1/leads/export.json?batchSize=3&nextPageToken=" + std::string(d["nextPageToken"].GetString());
    ASSERT_LT(pages, 10);
  }
  EXPECT_EQ(pages, 3);
  EXPECT_EQ(seen, created);  // oldest first, each once
}

TEST_F(SimListTest, ExactMultipleOfBatchSizeHasNoTrailingToken) {
  start();
  create();
  create();
  const auto d = call("GET", "/bulk/v1/leads/export.json?batchSize=2");
  EXPECT_EQ(d["result"].Size(), 2u);
  EXPECT_FALSE(d.HasMember("nextPageToken"));
}

TEST_F(SimListTest, FiltersByStatusCommaSeparatedOrRepeated) {
  options_.process_seconds = 100;
  start();
  const std::string created = create(), queued = create(), processing = create(), cancelled = create();
  enqueue(processing);
  now_ += 2s;
  enqueue(queued);
  call("POST", "/bulk/v1/leads/export/" + cancelled + "/cancel.json");
  ASSERT_EQ(status_of(processing), "Processing");
  EXPECT_EQ(ids(call("GET", "/bulk/v1/leads/export.json?status=Queued,Processing")),
            (std::vector<std::string>{queued, processing}));
  EXPECT_EQ(ids(call("GET", "/bulk/v1/leads/export.json?status=queued&status=processing")),
            (std::vector<std::string>{queued, processing}));
  EXPECT_EQ(ids(call("GET", "/bulk/v1/leads/export.json?status=Created")), (std::vector<std::string>{created}));
  EXPECT_EQ(ids(call("GET", "/bulk/v1/leads/export.json?status=Canceled")), (std::vector<std::string>{cancelled}));
  EXPECT_EQ(ids(call("GET", "/bulk/v1/leads/export.json")).size(), 4u);
  EXPECT_EQ(error_code(call("GET", "/bulk/v1/leads/export.json?status=Sleeping")), "1003");
}

TEST_F(SimListTest, CoversTheLastSevenDaysOnly) {
  start();
  const std::string old = create();
  now_ += std::chrono::days{6};
  token_ = fetch_token();
  const std::string recent = create();
  EXPECT_EQ(ids(call("GET", "/bulk/v1/leads/export.json")), (std::vector<std::string>{old, recent}));
  now_ += std::chrono::days{1} + 1s;
  token_ = fetch_token();
  EXPECT_EQ(ids(call("GET", "/bulk/v1/leads/export.json")), (std::vector<std::string>{recent}));
}

TEST_F(SimListTest, BatchSizeIsAtMost300AndTokensMustBeOurs) {
  start();
  EXPECT_EQ(error_code(call("GET", "/bulk/v1/leads/export.json?batchSize=300")), "");
  EXPECT_EQ(error_code(call("GET", "/bulk/v1/leads/export.json?batchSize=301")), "1003");
  EXPECT_EQ(error_code(call("GET", "/bulk/v1/leads/export.json?batchSize=0")), "1003");
  EXPECT_EQ(error_code(call("GET", "/bulk/v1/leads/export.json?batchSize=ten")), "1003");
  EXPECT_EQ(error_code(call("GET", "/bulk/v1/leads/export.json?nextPageToken=garbage")), "1003");
}

TEST_F(SimListTest, EmptyListIsASuccess) {
  start();
  const auto d = call("GET", "/bulk/v1/leads/export.json");
  EXPECT_TRUE(d["success"].GetBool());
  EXPECT_EQ(d["result"].Size(), 0u);
}

}  // namespace
}  // namespace fake::testing
