#pragma once
// One end-to-end import scenario: fake-marketo on a fast import clock, a config with one program
// member import polled every 5 s, files dropped into its inbound directory the way the contract
// asks, marketo-syncd run against it, and what the checks read back: the result folders, the
// membership fake-marketo keeps and the calls it saw. Shared by tests/integration/imports and
// tests/reliability/imports.
#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "result_status.hpp"
#include "support/child_process.hpp"
#include "support/fake_marketo.hpp"
#include "support/temp_dir.hpp"

namespace msync::import_test {

// The configured import.
struct ImportSpec {
  std::string name = "members";
  std::int64_t program_id = 1001;  // fake-marketo's default program
  std::string status = "On List";
  std::string format = "csv";
};

// What a scenario adds to the configuration: keys under `marketo:` (lines indented two spaces) and
// whole top-level sections (e.g. `exports:`), for runs that do more than imports.
struct ConfigAdditions {
  std::string marketo_keys;
  std::string sections;
};

struct Member {
  std::string email;
  std::string status;
  unsigned imports = 0;  // how many import rows have upserted this member
};

struct Request {
  std::string method, target, marketo_error;
  unsigned status = 0;
};

class ImportRun {
 public:
  // fake-marketo runs on a fast import clock (--import-queue-seconds 0.2
  // --import-process-seconds 0.5) unless extra_fake_flags set either.
  explicit ImportRun(std::vector<std::string> extra_fake_flags = {}, ImportSpec spec = {},
                     const ConfigAdditions& additions = {});

  const ImportSpec& spec() const { return spec_; }
  test_support::FakeMarketo& fake() { return *fake_; }
  const std::filesystem::path& dir() const { return dir_.path(); }
  std::filesystem::path config() const { return dir_ / "config.yaml"; }

  // The contract's folders: inbound, and <name>.done / .rejected / .work beside it.
  std::filesystem::path inbound() const;
  std::filesystem::path done_root() const;
  std::filesystem::path rejected_root() const;
  std::filesystem::path work_root() const;

  // Drops a file as the contract asks: written as .<name>.tmp (a dotfile, ignored), then renamed
  // in. settled: its mtime is put a minute back, as for a file dropped a while ago, so that a run
  // started after the drop takes it at once instead of waiting out the 5 s settle time.
  std::filesystem::path drop(const std::string& name, const std::string& bytes, bool settled = true) const;

  std::vector<std::string> daemon_argv(bool once) const;
  // marketo-syncd run --config ... --once, to completion (env: MSYNC_CRASH_AT, ...).
  test_support::Completed run_once(const test_support::Environment& env = {}) const;

  // fake-marketo's membership of the configured program.
  std::vector<Member> members() const;
  std::vector<Request> requests() const;
  // POST .../members/import.json requests.
  std::size_t uploads() const;
  std::size_t answers_with_error(const std::string& marketo_error) const;

  // Names in a folder (none when it does not exist), sorted.
  static std::vector<std::string> entries(const std::filesystem::path& folder);
  // Every regular file below the work folders, relative to work_root(), sorted.
  std::vector<std::string> work_files() const;

 private:
  ImportSpec spec_;
  test_support::TempDir dir_;
  std::unique_ptr<test_support::FakeMarketo> fake_;
};

std::string read_file(const std::filesystem::path& path);
std::string sha256_hex(const std::filesystem::path& path);

// A csv member file: header email,firstName,lastName,company and `rows` rows whose emails are
// <prefix>-<n>@example.com; company_bytes pads each row (a long company name) to make big files.
std::string member_file(const std::string& prefix, std::size_t rows, std::size_t company_bytes = 0);
std::string member_email(const std::string& prefix, std::size_t row);

// Asserts (gtest) that the program's members are exactly `emails` (compared ignoring case), each
// with `status` and imported `imports` times.
void expect_members(const std::vector<Member>& members, const std::vector<std::string>& emails,
                    const std::string& status, unsigned imports);

// Asserts (gtest) that once every file is finished nothing is left in the work folders: no
// source, no part, no per-part results, no marker.
void expect_no_work_left(const ImportRun& run);

// Asserts (gtest) the invariants of a completed file's result folder: status.json's identity
// keys against the dropped bytes and the import, totals equal to the sum of its parts, and the
// source file moved beside it unchanged. Returns the parsed status.json; nullopt (and a failure)
// when there is no result folder.
std::optional<ResultStatus> expect_result_folder(const ImportRun& run, const std::string& file, const std::string& dropped);

}  // namespace msync::import_test
