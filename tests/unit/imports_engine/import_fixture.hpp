#pragma once
// What every import engine test shares: a real SQLite store and inbound folder in a temp dir, a
// manual clock, the fake Marketo, and run_engine(), which drives ImportEngine::run(once) on a real
// io_context with a guard that stops it (and fails the test) if it does not end on its own.
#include <filesystem>
#include <functional>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "fake_import_api.hpp"
#include "imports/imports.hpp"
#include "state/state.hpp"
#include "support/temp_dir.hpp"

namespace msync::imports::test {

class ImportEngineTest : public ::testing::Test {
 protected:
  ImportEngineTest();

  ImportSync sync(std::string name = "webinar") const;
  ImportSettings settings() const;
  // Writes a file into the sync's inbound folder, with an mtime old enough to count as settled.
  std::filesystem::path drop(const ImportSync& sync, const std::string& name, const std::string& content) const;

  // Runs one engine until run(true) ends; stop_when, checked every millisecond, stops it early.
  ImportSummary run_engine(std::vector<ImportSync> syncs, ImportSettings settings,
                           std::function<bool()> stop_when = {});

  std::string read(const std::filesystem::path& path) const;
  std::vector<state::ImportBatch> batches();

  test_support::TempDir dir_;
  core::ManualClock clock_{*core::parse_iso8601("2026-11-23T00:00:00Z")};
  state::Store store_;
  FakeImportApi api_;
};

// A file of `rows` valid records under the seed's header.
std::string attendees(int rows, const std::string& marker = "");

}  // namespace msync::imports::test
