#pragma once
// What every engine test shares: a real SQLite store and staging area in a temp dir, a manual
// clock, the fake Marketo, and run_engine(), which drives ExportEngine::run on a real io_context
// with a guard that stops it (and fails the test) if it does not end on its own.
#include <chrono>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "exports/exports.hpp"
#include "fake_api.hpp"
#include "state/state.hpp"
#include "support/temp_dir.hpp"

namespace msync::exports::test {

core::Timestamp at(const char* iso);

class EngineTest : public ::testing::Test {
 protected:
  EngineTest();

  // A createdAt sync of daily windows from `start`, no lag; `fields` tell syncs apart in calls.
  ExportSync daily_sync(std::string name, const char* start, std::vector<std::string> fields = {"id", "email"});
  EngineSettings settings() const;

  // Runs one engine over the store until run(once) ends. stop_when, checked every millisecond,
  // stops the engine early (a restart in the middle of work).
  RunSummary run_engine(std::vector<ExportSync> syncs, EngineSettings settings,
                        std::function<bool()> stop_when = {});

  std::vector<state::Job> jobs_of(const std::string& sync);
  std::vector<state::Window> windows_of(const std::string& sync);
  std::string read(const std::filesystem::path& path) const;

  test_support::TempDir dir_;
  core::ManualClock clock_{at("2024-03-10T00:00:00Z")};
  state::Store store_;
  FakeApi api_;
};

}  // namespace msync::exports::test
