#pragma once
// The soak's workload: one fake-marketo and one marketo-syncd configuration doing a year's
// createdAt + updatedAt backfill (tests/integration/exports' pieces) and program member imports
// of inbound files (tests/integration/imports' ImportRun), the files dropped a few at a time
// while the daemon is down. check_everything() is the end state the issue asks for.
#include <map>
#include <string>
#include <utility>
#include <vector>

#include "export_run.hpp"
#include "import_run.hpp"
#include "soak_options.hpp"

namespace msync::crash_soak {

// What the final checks counted, for the summary.
struct Findings {
  std::size_t rows_checked = 0;      // staged rows compared with the oracle
  std::size_t windows_staged = 0;
  std::size_t orphaned_creates = 0;  // jobs Marketo created whose exportId never reached the state
  std::size_t uploads_in_doubt = 0;  // parts whose upload outcome was unknown after a stop
  std::size_t uploaded_twice = 0;    // of those, parts Marketo really received twice
  std::size_t members_checked = 0;
  std::size_t leftover_temp_files = 0;  // unpublished .part / .tmp files under staging/*/.tmp
};

class SoakScenario {
 public:
  explicit SoakScenario(const SoakOptions& options);

  const import_test::ImportRun& run() const { return run_; }
  std::filesystem::path state_db() const { return run_.dir() / "state.db"; }
  std::filesystem::path staging_dir() const { return run_.dir() / "staging"; }
  std::filesystem::path daemon_log() const { return run_.dir() / "daemon.log"; }

  // Drops files until `count` of them are in (never more than the options say).
  void drop_files_up_to(int count);
  int files_dropped() const { return static_cast<int>(files_.size()); }
  // How far the work is: windows with a manifest, files with results.
  std::pair<std::size_t, std::size_t> progress() const;

  // Asserts (gtest) the whole end state and returns what it counted.
  Findings check_everything();

 private:
  void check_exports(Findings& findings) const;
  void check_export_jobs(Findings& findings) const;
  void check_imports(Findings& findings) const;

  SoakOptions options_;
  core::Timestamp epoch_;
  std::vector<std::string> data_flags_;
  import_test::ImportRun run_;
  std::map<std::string, std::string> files_;  // name -> bytes
};

}  // namespace msync::crash_soak
