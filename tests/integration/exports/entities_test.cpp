// Bulk exports other than leads, end to end against fake-marketo: staged rows equal to its
// oracle (`fake-marketo expect --entity ...`), and every type drawing on Marketo's one export
// queue, so a mixed backfill never holds more than 2 processing / 10 queued.
#include <gtest/gtest.h>
#include <signal.h>

#include <algorithm>
#include <chrono>
#include <thread>
#include <utility>
#include <fstream>
#include <iterator>
#include <optional>
#include <set>

#include "export_run.hpp"
#include "staging/staging.hpp"

using namespace msync;
using export_test::ExportRun;
using export_test::read_file;

namespace {

const std::string kActivityColumns =
    "marketoGUID,leadId,activityDate,activityTypeId,campaignId,primaryAttributeValueId,primaryAttributeValue,attributes";

std::string activities_yaml(core::Timestamp epoch, const std::string& extra = "") {
  return export_test::export_sync_yaml("activities_created", "activities", "createdAt", epoch, extra);
}

}  // namespace

TEST(ExportEntities, ActivitiesCreatedAtBackfillMatchesTheOracle) {
  // No fields: the fixed activity columns.
  ExportRun run = ExportRun::with_exports(
      {}, [](core::Timestamp epoch) { return "exports:\n" + activities_yaml(epoch); }, 600);
  const auto result = run.run_once();
  ASSERT_EQ(result.exit_code, 0) << result.err;
  run.expect_matches_oracle("activities_created", "activities", "createdAt", "");
  EXPECT_EQ(run.count("POST", "/bulk/v1/activities/export/create.json"), run.staged("activities_created").size());
  EXPECT_EQ(run.count("POST", "/bulk/v1/leads/export/create.json"), 0u);
}

TEST(ExportEntities, ActivitiesNarrowedByTypeMatchTheOracle) {
  ExportRun run = ExportRun::with_exports(
      {},
      [](core::Timestamp epoch) {
        return "exports:\n" + activities_yaml(epoch,
                                              "    fields: [marketoGUID, leadId, activityTypeId, attributes]\n"
                                              "    activity_type_ids: [1, 12]\n");
      },
      600);
  const auto result = run.run_once();
  ASSERT_EQ(result.exit_code, 0) << result.err;
  run.expect_matches_oracle("activities_created", "activities", "createdAt",
                            "marketoGUID,leadId,activityTypeId,attributes", ",\"activityTypeIds\":[1,12]");
}

TEST(ExportEntities, MixedLeadsAndActivitiesBackfillShareTheTwoAndTenLimits) {
  // Jobs process long enough that the queue fills: the limits, not completion, pace the run.
  ExportRun run = ExportRun::with_exports(
      {}, [](core::Timestamp epoch) { return export_test::export_syncs_yaml(epoch, false) + activities_yaml(epoch); },
      600, "0.5");
  const auto result = run.run_once();
  ASSERT_EQ(result.exit_code, 0) << result.err;
  run.expect_matches_oracle("leads_created", "createdAt");
  run.expect_matches_oracle("activities_created", "activities", "createdAt", "");

  int most_processing = 0, most_queued = 0;
  std::optional<std::size_t> first_activity;
  std::size_t last_activity = 0, leads_between = 0;
  const auto requests = run.requests();
  for (std::size_t i = 0; i < requests.size(); ++i) {
    const auto& r = requests[i];
    most_processing = std::max(most_processing, r.processing);
    most_queued = std::max(most_queued, r.queued);
    EXPECT_NE(r.marketo_error, "1029") << r.target << ": the daemon overfilled the shared queue";
    if (r.target.ends_with("/activities/export/create.json")) {
      if (!first_activity) first_activity = i;
      last_activity = i;
    }
  }
  ASSERT_TRUE(first_activity.has_value()) << "no activity create in the request log";
  for (std::size_t i = *first_activity; i < last_activity; ++i)
    leads_between += requests[i].target.ends_with("/leads/export/create.json");
  // Both limits were reached across the two entities, and never passed.
  EXPECT_EQ(most_processing, 2);
  EXPECT_EQ(most_queued, 10);
  // The two syncs took turns in the one queue rather than one after the other.
  EXPECT_GT(leads_between, 10u);
}

TEST(ExportEntities, ProgramMembersByUpdatedAtWindowsMatchTheOracle) {
  const std::string fields = "leadId,programId,statusName,membershipDate,updatedAt,attendanceLikelihood";
  ExportRun run = ExportRun::with_exports(
      {},
      [&](core::Timestamp epoch) {
        return "exports:\n" + export_test::export_sync_yaml("members_updated", "program_members", "updatedAt", epoch,
                                                            "    fields: [" + fields + "]\n"
                                                            "    program_ids: [1001, 1002]\n");
      },
      600);
  const auto result = run.run_once();
  ASSERT_EQ(result.exit_code, 0) << result.err;
  run.expect_matches_oracle("members_updated", "program_members", "updatedAt", fields, ",\"programIds\":[1001,1002]");
  EXPECT_EQ(run.count("POST", "/bulk/v1/program/members/export/create.json"), run.staged("members_updated").size());
}

TEST(ExportEntities, AProgramSnapshotStagesEachProgramWholeInItsOwnFile) {
  ExportRun run = ExportRun::with_exports(
      {},
      [](core::Timestamp) {
        return std::string("exports:\n"
                           "  - name: members\n"
                           "    entity: program_members\n"
                           "    fields: [leadId, programId, statusName]\n"
                           "    filter: programIds\n"
                           "    program_ids: [1001, 1003]\n"
                           "    every: 24h\n");
      },
      600);
  const auto result = run.run_once();
  ASSERT_EQ(result.exit_code, 0) << result.err;
  const auto files = run.staged("members");
  ASSERT_EQ(files.size(), 2u) << result.err;
  std::set<std::string> programs;
  for (const auto& file : files) {
    // The manifest names the file's one program; the file equals Marketo's export of that program.
    const auto manifest = staging::parse_manifest(
        read_file(file.path.parent_path() / staging::manifest_file_name(file.path.filename().string())));
    ASSERT_TRUE(manifest) << manifest.error().message;
    const std::string program = manifest->filter.value;
    programs.insert(program);
    const auto oracle = test_support::FakeMarketo::expect(run.data_flags(), "leadId,programId,statusName",
                                                          R"({"programIds":[)" + program + "]}", "csv",
                                                          "program_members");
    EXPECT_GT(file.records, 500u);
    EXPECT_EQ(read_file(file.path), oracle) << file.path;
  }
  EXPECT_EQ(programs, (std::set<std::string>{"1001", "1003"}));
  EXPECT_EQ(run.count("POST", "/bulk/v1/program/members/export/create.json"), 2u);
}

TEST(ExportEntities, CustomObjectsByUpdatedAtMatchTheOracle) {
  const std::string fields = "marketoGUID,vin,leadId,model,color,updatedAt";
  ExportRun run = ExportRun::with_exports(
      {},
      [&](core::Timestamp epoch) {
        return "exports:\n" + export_test::export_sync_yaml("cars", "custom_objects", "updatedAt", epoch,
                                                            "    api_name: car_c\n"
                                                            "    fields: [" + fields + "]\n");
      },
      600);
  const auto result = run.run_once();
  ASSERT_EQ(result.exit_code, 0) << result.err;
  run.expect_matches_oracle("cars", "custom_objects", "updatedAt", fields, "", "car_c");
  EXPECT_EQ(run.count("POST", "/bulk/v1/customobjects/car_c/export/create.json"), run.staged("cars").size());
}

TEST(ExportEntities, KillNineMidMixedBackfillThenRestartLosesAndDuplicatesNothing) {
  // Activities, program members and custom objects at once, the daemon killed with SIGKILL while
  // their jobs are in every state, then run again: each sync equals its oracle, and no window was
  // enqueued twice (a second job for a window would spend Marketo's queue and quota).
  const std::string member_fields = "leadId,programId,statusName,updatedAt";
  const std::string car_fields = "marketoGUID,vin,model,updatedAt";
  ExportRun run = ExportRun::with_exports(
      {},
      [&](core::Timestamp epoch) {
        return "exports:\n" + activities_yaml(epoch) +
               export_test::export_sync_yaml("members_updated", "program_members", "updatedAt", epoch,
                                             "    fields: [" + member_fields + "]\n    program_ids: [1001, 1002]\n") +
               export_test::export_sync_yaml("cars", "custom_objects", "updatedAt", epoch,
                                             "    api_name: car_c\n    fields: [" + car_fields + "]\n");
      },
      600);
  {
    test_support::ChildProcess daemon(run.daemon_argv(false), {}, run.dir() / "daemon.log");
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(120);
    auto manifests = [&] {
      return run.manifests("activities_created") + run.manifests("members_updated") + run.manifests("cars");
    };
    while (manifests() < 30 && std::chrono::steady_clock::now() < deadline)
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
    ASSERT_GE(manifests(), 30u) << "the daemon staged too little before the deadline";
    daemon.signal(SIGKILL);
    ASSERT_TRUE(daemon.wait_for(std::chrono::seconds(10)).has_value());
  }
  const auto result = run.run_once();
  ASSERT_EQ(result.exit_code, 0) << result.err;
  run.expect_matches_oracle("activities_created", "activities", "createdAt", "");
  run.expect_matches_oracle("members_updated", "program_members", "updatedAt", member_fields, ",\"programIds\":[1001,1002]");
  run.expect_matches_oracle("cars", "custom_objects", "updatedAt", car_fields, "", "car_c");
  for (const auto& [sync, path] : {std::pair<std::string, std::string>{"activities_created", "/bulk/v1/activities/export/"},
                                   {"members_updated", "/bulk/v1/program/members/export/"},
                                   {"cars", "/bulk/v1/customobjects/car_c/export/"}}) {
    std::size_t enqueued = 0;
    for (const auto& r : run.requests())
      enqueued += r.method == "POST" && r.target.starts_with(path) && r.target.ends_with("/enqueue.json");
    EXPECT_EQ(enqueued, run.staged(sync).size()) << sync << ": a window was enqueued twice";
  }
}
