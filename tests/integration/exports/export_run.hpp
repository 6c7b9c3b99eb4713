#pragma once
// One end-to-end export scenario: fake-marketo with a year of leads on a fast clock, a config
// written for it, marketo-syncd run against it, and the checks every scenario shares: staged data
// equals fake-marketo's oracle row for row, windows contiguous and staged once, manifests true.
#include <filesystem>
#include <functional>
#include <map>
#include <string>
#include <vector>

#include "core/core.hpp"
#include "support/child_process.hpp"
#include "support/fake_marketo.hpp"
#include "support/temp_dir.hpp"

namespace msync::export_test {

struct StagedFile {
  std::filesystem::path path;
  std::string start_at, end_at;  // the manifest's filter bounds
  std::string export_id;
  std::uint64_t records = 0;
  std::string compression;  // the manifest's: none | gzip | zstd
};

// A staged file's raw content: the file itself, or what `gzip -dc` / `zstd -dc` make of it (the
// standard tools, as a loader would use them). A failing tool fails the test.
std::string raw_content(const std::filesystem::path& file, const std::string& compression);

struct Request {
  std::string method, target, marketo_error;
  unsigned status = 0;
  // Bulk export calls: the subscription's queue once fake-marketo answered (-1: not logged).
  int processing = -1, queued = -1;
};

class ExportRun {
 public:
  // extra_fake_flags: faults, limits, disabled filters, --process-seconds (replacing the fast
  // clock's) ... ; updated_too: a second, updatedAt sync.
  // calls_per_20s: the daemon's call budget; Marketo's real 100 makes a year's backfill take
  // minutes of mostly waiting, so scenarios that test something else raise it.
  // compression: the syncs' `compression:` key, left out when empty.
  explicit ExportRun(std::vector<std::string> extra_fake_flags = {}, bool updated_too = true,
                     int calls_per_20s = 600, const std::string& compression = {});
  // The same bed with the `exports:` section that `exports` writes for the bed's epoch (see
  // export_sync_yaml; the epoch is taken once, so data, configuration and oracle agree across a
  // midnight), and fake-marketo's jobs processing for process_seconds.
  // A named function, not a constructor: a lambda would convert to the other one's bool.
  using ExportsYaml = std::function<std::string(core::Timestamp epoch)>;
  static ExportRun with_exports(std::vector<std::string> extra_fake_flags, const ExportsYaml& exports,
                                int calls_per_20s, const std::string& process_seconds = "0.2");

  const std::vector<std::string>& data_flags() const { return data_flags_; }
  core::Timestamp epoch() const { return epoch_; }
  test_support::FakeMarketo& fake() { return *fake_; }
  const std::filesystem::path& dir() const { return dir_.path(); }
  std::filesystem::path config() const { return dir_ / "config.yaml"; }

  // marketo-syncd run --config ... --once, to completion.
  test_support::Completed run_once() const;
  std::vector<std::string> daemon_argv(bool once) const;

  // How many manifests a sync has: safe to call while the daemon runs (a data file may be in place
  // a moment before its manifest; readers go by manifests).
  std::size_t manifests(const std::string& sync) const;
  // Every staged data file of a sync, its manifest checked against the file (sha256, records).
  // Call once the daemon has stopped.
  std::vector<StagedFile> staged(const std::string& sync) const;
  // Asserts (gtest) that the sync's staged data equals the oracle over [epoch, end of data].
  void expect_matches_oracle(const std::string& sync, const std::string& filter) const;
  // The same for any entity: `fields` as create.json names them ("" for none), `narrowing` the
  // filter's further members as JSON (`,"activityTypeIds":[1]`), appended to each window's filter.
  void expect_matches_oracle(const std::string& sync, const std::string& entity, const std::string& filter,
                             const std::string& fields, const std::string& narrowing = "",
                             const std::string& api_name = "") const;
  std::vector<Request> requests() const;
  std::size_t count(const std::string& method, const std::string& path_suffix) const;
  // The daemon's argv for `backfill --sync NAME --from T --to T`.
  std::vector<std::string> backfill_argv(const std::string& sync, core::Timestamp from, core::Timestamp to) const;

 private:
  ExportRun(const ExportsYaml& exports, std::vector<std::string> extra_fake_flags, int calls_per_20s,
            const std::string& process_seconds);
  test_support::TempDir dir_;
  core::Timestamp epoch_;
  std::vector<std::string> data_flags_;
  std::unique_ptr<test_support::FakeMarketo> fake_;
};

inline const std::string kFields = "id,email,firstName,lastName,company,createdAt,updatedAt";

// The pieces of a scenario, for harnesses that run exports beside other work (tests/reliability).
// A year of data that ended a few days ago, so that every window up to now is complete.
core::Timestamp year_epoch();
// fake-marketo's data flags for that year (also what `fake-marketo expect` needs).
std::vector<std::string> year_of_leads(core::Timestamp epoch);
// fake-marketo's export job clock: queued 0.05 s, processing `process_seconds`.
std::vector<std::string> fast_export_clock(const std::string& process_seconds = "0.2");
// Keys under `marketo:` (poll every second, the given call budget), each line indented.
std::string fast_polling_yaml(int calls_per_20s);
// The `exports:` section: leads_created, and leads_updated when updated_too, 7-day windows, each
// with `compression:` when one is given.
std::string export_syncs_yaml(core::Timestamp epoch, bool updated_too, const std::string& compression = {});
// One item of an `exports:` section: 7-day windows of `filter` from epoch; `extra` holds more keys
// (fields, api_name, ids), each line indented by four spaces.
std::string export_sync_yaml(const std::string& name, const std::string& entity, const std::string& filter,
                             core::Timestamp epoch, const std::string& extra);
// A file's bytes, whole ("" when it cannot be read).
std::string read_file(const std::filesystem::path& path);
// The data rows of a CSV text (header skipped), each as its field values joined with '\x1f':
// quoting-agnostic, so files written by different tools compare equal when their values do.
std::vector<std::string> data_rows(const std::string& text);
// Every row the oracle (`fake-marketo expect`) puts in [from, last_end] for the filter
// (createdAt / updatedAt) of the entity, as data_rows, sorted; `narrowing` as in
// expect_matches_oracle.
std::vector<std::string> oracle_rows(const std::vector<std::string>& data_flags, const std::string& filter,
                                     core::Timestamp from, core::Timestamp last_end,
                                     const std::string& entity = "leads", const std::string& fields = kFields,
                                     const std::string& narrowing = "", const std::string& api_name = "");
// See ExportRun::staged and ExportRun::expect_matches_oracle; staging_dir holds one folder per sync.
std::vector<StagedFile> staged_files(const std::filesystem::path& staging_dir, const std::string& sync);
void expect_matches_oracle(const std::filesystem::path& staging_dir, const std::string& sync, const std::string& filter,
                           const std::vector<std::string>& data_flags, core::Timestamp epoch,
                           const std::string& entity = "leads", const std::string& fields = kFields,
                           const std::string& narrowing = "", const std::string& api_name = "");

}  // namespace msync::export_test
