// Disk full and an unwritable staging directory: the daemon says why (the path and the system's
// reason) in its log, /status and /readyz; nothing half-written is published; once there is room
// again, the next run finishes the backfill and matches the oracle.
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <signal.h>

#include <thread>

#include "daemon_probe.hpp"
#include "export_run.hpp"
#include "staging/staging.hpp"
#include "staging_fault.hpp"
#include "support/child_process.hpp"

namespace msync::fault_test {
namespace {

using namespace std::chrono_literals;
using ::testing::HasSubstr;

bool eventually(const std::function<bool()>& condition, std::chrono::seconds deadline) {
  const auto until = std::chrono::steady_clock::now() + deadline;
  while (!condition()) {
    if (std::chrono::steady_clock::now() > until) return false;
    std::this_thread::sleep_for(100ms);
  }
  return true;
}

// What readers may see while the disk refuses writes: no .part outside .tmp, and every manifest's
// file whole (its manifest's size). The sha256 and row checks run once the daemon has stopped.
void expect_only_whole_files_published(const std::filesystem::path& sync_dir) {
  std::error_code ec;
  for (const auto& entry : std::filesystem::directory_iterator(sync_dir, ec)) {
    const auto name = entry.path().filename().string();
    EXPECT_FALSE(name.ends_with(".part")) << name;
    if (!name.ends_with(".manifest.json")) continue;
    auto manifest = staging::parse_manifest(read_text(entry.path()));
    ASSERT_TRUE(manifest.ok()) << name;
    EXPECT_EQ(std::filesystem::file_size(sync_dir / manifest->file), manifest->bytes) << manifest->file;
  }
}

class StagingRefusesWrites : public ::testing::TestWithParam<StagingFaultKind> {};

TEST_P(StagingRefusesWrites, TheDaemonSaysWhyPublishesNothingHalfWrittenAndResumes) {
  export_test::ExportRun run({}, false);
  const auto staging_dir = run.dir() / "staging";
  StagingFault fault(GetParam(), staging_dir, "leads_created");
  std::cout << "staging fault: " << fault.how() << std::endl;
  const std::string& reason = fault.expected_reason();
  {
    const auto log_path = run.dir() / "daemon.log";
    test_support::ChildProcess daemon(run.daemon_argv(false), {}, log_path);
    ASSERT_TRUE(eventually([&] { return read_text(log_path).find(reason) != std::string::npos; }, 120s))
        << read_text(log_path);
    const std::string log = read_text(log_path);
    EXPECT_THAT(log, HasSubstr(staging_dir.string())) << "the log names no path";

    const auto port = health_port(log_path, 30s);
    ASSERT_NE(port, 0);
    // The client tries a refused write again itself before the job hears of it: give it time.
    Probe ready;
    ASSERT_TRUE(eventually(
        [&] {
          ready = http_get(port, "/readyz");
          return ready.body.find(reason) != std::string::npos;
        },
        30s))
        << ready.body;
    EXPECT_EQ(ready.status, 503u);
    EXPECT_THAT(ready.body, HasSubstr(staging_dir.string()));
    const auto status = http_get(port, "/status");
    EXPECT_EQ(status.status, 200u);
    rapidjson::Document d;
    d.Parse(status.body.c_str(), status.body.size());
    ASSERT_TRUE(d.IsObject() && d.HasMember("stagingError") && d["stagingError"].IsString()) << status.body;
    EXPECT_THAT(d["stagingError"].GetString(), HasSubstr(reason));
    EXPECT_THAT(d["stagingError"].GetString(), HasSubstr(staging_dir.string()));
    expect_only_whole_files_published(staging_dir / "leads_created");

    daemon.signal(SIGTERM);
    const auto code = daemon.wait_for(10s);
    ASSERT_TRUE(code.has_value()) << "no exit within 10 s of SIGTERM";
    EXPECT_EQ(*code, 0) << read_text(log_path);
  }
  fault.repair();
  const auto result = run.run_once();
  ASSERT_EQ(result.exit_code, 0) << result.err.substr(0, 4000);
  run.expect_matches_oracle("leads_created", "createdAt");
  expect_nothing_stuck(run.config());
}

// With --once nobody is there to make room: after a few refused writes in a row the run ends
// with 69 and the reason instead of retrying for ever, and the next run, with room again, resumes.
TEST_P(StagingRefusesWrites, OnceEndsWith69AndTheReasonThenTheNextRunResumes) {
  export_test::ExportRun run({}, false);
  const auto staging_dir = run.dir() / "staging";
  StagingFault fault(GetParam(), staging_dir, "leads_created");
  const auto refused = run.run_once();
  EXPECT_EQ(refused.exit_code, 69) << refused.err.substr(0, 4000);
  EXPECT_THAT(refused.err, HasSubstr("the staging directory cannot be written"));
  EXPECT_THAT(refused.err, HasSubstr(fault.expected_reason()));
  expect_only_whole_files_published(staging_dir / "leads_created");
  fault.repair();
  const auto result = run.run_once();
  ASSERT_EQ(result.exit_code, 0) << result.err.substr(0, 4000);
  run.expect_matches_oracle("leads_created", "createdAt");
  expect_nothing_stuck(run.config());
}

INSTANTIATE_TEST_SUITE_P(Staging, StagingRefusesWrites,
                         ::testing::Values(StagingFaultKind::disk_full, StagingFaultKind::read_only),
                         [](const auto& info) {
                           return std::string(info.param == StagingFaultKind::disk_full ? "DiskFull" : "ReadOnly");
                         });

}  // namespace
}  // namespace msync::fault_test
