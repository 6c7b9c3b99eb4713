#pragma once
// A store in a fresh temp directory on a manual clock, with shorthands for times and windows.
#include <gtest/gtest.h>

#include <optional>
#include <string_view>
#include <vector>

#include "core/core.hpp"
#include "state/state.hpp"
#include "temp_dir.hpp"

namespace msync::state::test {

inline core::Timestamp at(std::string_view iso) {
  auto t = core::parse_iso8601(iso);
  if (!t) throw std::invalid_argument("bad test time");
  return *t;
}

inline WindowSpec incremental(std::string_view start, std::string_view end) {
  return WindowSpec{WindowKind::incremental, at(start), at(end)};
}

inline WindowSpec backfill(std::string_view start, std::string_view end) {
  return WindowSpec{WindowKind::backfill, at(start), at(end)};
}

class StoreTest : public ::testing::Test {
 protected:
  StoreTest() { reopen(); }

  void reopen() {
    store_.reset();  // close first: the reopened store must find everything on disk
    auto opened = Store::open(dir_.db(), clock_);
    if (!opened) throw std::runtime_error(opened.error().message);
    store_.emplace(std::move(*opened));
  }

  Store& store() { return *store_; }

  // A sync "leads" starting 2024-01-01 and its three weekly windows.
  std::vector<WindowId> three_weeks() {
    EXPECT_TRUE(store().ensure_sync("leads", SyncKind::incremental, at("2024-01-01T00:00:00Z")));
    const std::vector<WindowSpec> specs{incremental("2024-01-01T00:00:00Z", "2024-01-08T00:00:00Z"),
                                        incremental("2024-01-08T00:00:00Z", "2024-01-15T00:00:00Z"),
                                        incremental("2024-01-15T00:00:00Z", "2024-01-22T00:00:00Z")};
    auto ids = store().add_windows("leads", specs);
    EXPECT_TRUE(ids) << ids.error().message;
    return ids ? *ids : std::vector<WindowId>{};
  }

  // Drives a new job for the window to completed, as the engine would.
  JobId completed_job(WindowId window, std::string_view export_id) {
    auto job = store().record_intent(window);
    EXPECT_TRUE(job) << job.error().message;
    EXPECT_TRUE(store().set_created(*job, export_id, clock_.now()));
    EXPECT_TRUE(store().set_state(*job, JobState::queued));
    EXPECT_TRUE(store().set_state(*job, JobState::completed, {.file_size = 100}));
    return *job;
  }

  // Stages it and returns the new watermark.
  core::Timestamp stage(WindowId window, std::string_view export_id) {
    const JobId job = completed_job(window, export_id);
    auto mark = store().mark_staged(
        job, StagedFile{std::string(export_id) + ".csv", std::string(export_id) + ".csv.manifest.json",
                        10, 100, "abc"});
    EXPECT_TRUE(mark) << mark.error().message;
    return mark ? *mark : core::Timestamp{};
  }

  TempDir dir_;
  core::ManualClock clock_{at("2024-02-01T12:00:00Z")};
  std::optional<Store> store_;
};

}  // namespace msync::state::test
