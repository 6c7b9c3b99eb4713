#pragma once
// One short run of marketo-syncd against fake-marketo, for the hostile-answer and security tests: a
// year of leads, one createdAt sync over the last three weeks (four 7-day windows), optionally a
// program member import, and what the checks read back: the staged files against the oracle, the
// answers fake-marketo spoiled (--misbehave), and anything written where it should not be.
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "core/core.hpp"
#include "export_run.hpp"
#include "support/child_process.hpp"
#include "support/fake_marketo.hpp"
#include "support/temp_dir.hpp"

namespace msync::reliability {

struct SpoiledAnswer {
  std::string target;
  unsigned status = 0;
  std::uint64_t bytes = 0;  // body bytes sent (header bytes for a header flood)
};

struct ShortRunOptions {
  std::vector<std::string> fake_flags;  // added to fake-marketo's (--misbehave, --tls-cert, ...)
  std::string marketo_yaml;             // more keys under marketo:, each line indented two spaces
  std::string client_secret = "demo-secret";
  bool with_import = false;             // an import "members" watching dir()/imports/members
};

class ShortRun {
 public:
  static constexpr const char* kSync = "leads_created";

  explicit ShortRun(ShortRunOptions options);
  // fake-marketo --misbehave KIND:TIMES.
  static ShortRun misbehaving(const std::string& misbehave);

  const std::filesystem::path& dir() const { return dir_.path(); }
  std::filesystem::path config() const { return dir_ / "config.yaml"; }
  std::filesystem::path inbound() const { return dir_ / "imports" / "members"; }
  const std::string& fake_url() const { return fake_->url(); }
  // marketo-syncd <command> --config ... <args>, to completion.
  test_support::Completed syncd(const std::string& command, const std::vector<std::string>& args = {}) const;
  test_support::Completed run_once() const { return syncd("run", {"--once"}); }

  // Asserts (gtest) that the sync's windows are contiguous from its start, each staged once and
  // true to its manifest, and that together they hold exactly the oracle's rows.
  void expect_staged_matches_oracle() const;
  // The answers fake-marketo spoiled with `kind`, from its request log.
  std::vector<SpoiledAnswer> spoiled(const std::string& kind) const;
  // Entries below dir() other than the config, the state DB and its journal files, staging/ and
  // the request log: a hostile id that escaped staging_dir would show here.
  std::vector<std::string> strays() const;

 private:
  test_support::TempDir dir_;
  core::Timestamp start_;
  std::vector<std::string> data_flags_;
  std::unique_ptr<test_support::FakeMarketo> fake_;
};

// A hostile id climbs out of the test's directory too: what it would have made next to it.
std::vector<std::string> escapes_beside(const std::filesystem::path& dir);

}  // namespace msync::reliability
