// One engine for every bulk export type: each job's calls go to its own entity's path, also after
// a restart re-attaches to it, the queue budget is shared, and the manifest names the entity.
#include <algorithm>
#include <set>

#include <gmock/gmock.h>

#include "engine_fixture.hpp"
#include "staging/staging.hpp"

namespace msync::exports::test {
namespace {

using state::JobState;

class EntitiesTest : public EngineTest {
 protected:
  ExportSync activities_sync(const char* start) {
    auto sync = daily_sync("activities_created", start, {"marketoGUID", "leadId", "activityDate"});
    sync.request.entity = marketo::ExportEntity{marketo::EntityType::activities, ""};
    sync.request.filter.activity_type_ids = {1, 6};
    return sync;
  }

  ExportSync program_snapshot() {
    ExportSync sync;
    sync.name = "members";
    sync.request.entity = marketo::ExportEntity{marketo::EntityType::program_members, ""};
    sync.request.fields = {"leadId", "statusName"};
    sync.request.filter.type = marketo::FilterType::program_ids;
    sync.request.filter.program_ids = {1001, 1002};
    sync.next_run_after = [](core::Timestamp t) { return t + std::chrono::hours(24); };
    return sync;
  }

  // Every call about a job used the entity the job was created with.
  void expect_calls_on_their_own_path() {
    for (const auto& call : api_.calls()) {
      if (call.export_id.empty()) continue;
      EXPECT_EQ(call.entity, api_.job(call.export_id).spec.entity)
          << "call " << static_cast<int>(call.call) << " for " << call.export_id;
    }
  }
};

TEST_F(EntitiesTest, ARestartPollsEachJobUnderItsOwnEntity) {
  const auto leads = daily_sync("leads_created", "2024-03-08T00:00:00Z");
  const auto activities = activities_sync("2024-03-08T00:00:00Z");
  api_.hold = true;
  run_engine({leads, activities}, settings(), [&] { return api_.in_queue() == 4; });
  ASSERT_EQ(api_.count(Call::create), 4u);
  const auto before = api_.calls().size();

  api_.hold = false;
  auto summary = run_engine({leads, activities}, settings());
  EXPECT_FALSE(summary.fatal);
  EXPECT_EQ(api_.count(Call::create), 4u);  // re-attached, nothing created again
  expect_calls_on_their_own_path();
  std::set<marketo::EntityType> listed;
  for (std::size_t i = before; i < api_.calls().size(); ++i)
    if (api_.calls()[i].call == Call::list) listed.insert(api_.calls()[i].entity.type);
  EXPECT_EQ(listed, (std::set{marketo::EntityType::leads, marketo::EntityType::activities}));

  for (const auto& job : jobs_of("activities_created")) {
    ASSERT_EQ(job.state, JobState::staged);
    auto manifest = staging::parse_manifest(read(*job.manifest_path));
    ASSERT_TRUE(manifest) << manifest.error().message;
    EXPECT_EQ(manifest->entity, "activities");
    EXPECT_EQ(manifest->filter.type, "createdAt");
    EXPECT_EQ(api_.job(*job.export_id).spec.filter.activity_type_ids, (std::vector<std::int64_t>{1, 6}));
  }
}

TEST_F(EntitiesTest, MixedEntitiesShareOneQueueBudget) {
  api_.polls_to_complete = 20;
  auto config = settings();
  config.max_queued = 3;
  auto summary = run_engine({daily_sync("leads_created", "2024-03-05T00:00:00Z"),
                             activities_sync("2024-03-05T00:00:00Z")},
                            config);
  EXPECT_FALSE(summary.fatal);
  EXPECT_EQ(api_.count(Call::create), 10u);
  EXPECT_LE(api_.max_in_queue(), 3u);  // counted across both entities
  expect_calls_on_their_own_path();
}

TEST_F(EntitiesTest, AProgramSnapshotIsOneJobPerProgramEachNamedInItsManifest) {
  auto summary = run_engine({program_snapshot()}, settings());
  EXPECT_FALSE(summary.fatal);
  const auto jobs = jobs_of("members");
  ASSERT_EQ(jobs.size(), 2u);
  std::set<std::string> values;
  for (const auto& job : jobs) {
    ASSERT_EQ(job.state, JobState::staged);
    auto manifest = staging::parse_manifest(read(*job.manifest_path));
    ASSERT_TRUE(manifest) << manifest.error().message;
    EXPECT_EQ(manifest->entity, "program_members");
    EXPECT_EQ(manifest->filter.type, "programIds");
    values.insert(manifest->filter.value);
    const auto& asked = api_.job(*job.export_id).spec.filter.program_ids;
    ASSERT_EQ(asked.size(), 1u);
    EXPECT_EQ(manifest->filter.value, std::to_string(asked[0]));
  }
  EXPECT_EQ(values, (std::set<std::string>{"1001", "1002"}));
  expect_calls_on_their_own_path();

  // The next run is not due yet: nothing more is planned for either program.
  summary = run_engine({program_snapshot()}, settings());
  EXPECT_EQ(jobs_of("members").size(), 2u);
}

}  // namespace
}  // namespace msync::exports::test
