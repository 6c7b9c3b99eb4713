#include "reliability/hostile/short_run.hpp"

#include <gtest/gtest.h>
#include <rapidjson/document.h>

#include <algorithm>
#include <fstream>
#include <sstream>

#include "reliability/hostile/file_tree.hpp"
#include "support/paths.hpp"

namespace msync::reliability {
namespace {

namespace fs = std::filesystem;
using namespace std::chrono;

// The data lines of a CSV file (its header dropped). Both sides are split the same way, so a quoted
// newline cannot make equal files differ.
std::vector<std::string> data_lines(const std::string& text) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  std::string line;
  for (bool header = true; std::getline(in, line); header = false) {
    if (!header) lines.push_back(line);
  }
  return lines;
}

}  // namespace

ShortRun::ShortRun(ShortRunOptions options)
    : start_(floor<days>(core::SystemClock{}.now()) - days(21)),
      data_flags_(export_test::year_of_leads(export_test::year_epoch())) {
  std::vector<std::string> flags = data_flags_;
  const auto clock = export_test::fast_export_clock();
  flags.insert(flags.end(), clock.begin(), clock.end());
  flags.insert(flags.end(), {"--request-log", (dir_ / "requests.jsonl").string(), "--client-secret",
                             options.client_secret, "--import-queue-seconds", "0.2", "--import-process-seconds", "0.5"});
  flags.insert(flags.end(), options.fake_flags.begin(), options.fake_flags.end());
  fake_ = std::make_unique<test_support::FakeMarketo>(flags);

  std::ofstream config(dir_ / "config.yaml");
  config << "marketo:\n"
         << "  base_url: " << fake_->url() << "\n"
         << "  client_id: demo-client\n"
         << "  client_secret: \"" << options.client_secret << "\"\n"
         << "  import_poll_interval: 5s\n"
         << export_test::fast_polling_yaml(600) << options.marketo_yaml
         << "state_db: state.db\n"
         << "staging_dir: staging\n"
         << "health:\n  listen: 127.0.0.1:0\n"
         << export_test::export_syncs_yaml(start_, false);
  if (options.with_import) {
    fs::create_directories(inbound());
    config << "imports:\n  - name: members\n    program_id: 1001\n    program_member_status: On List\n"
           << "    inbound_dir: imports/members\n    format: csv\n";
  }
}

ShortRun ShortRun::misbehaving(const std::string& misbehave) {
  ShortRunOptions options;
  options.fake_flags = {"--misbehave", misbehave};
  return ShortRun(std::move(options));
}

test_support::Completed ShortRun::syncd(const std::string& command, const std::vector<std::string>& args) const {
  std::vector<std::string> argv{test_support::syncd_binary(), command, "--config", config().string()};
  argv.insert(argv.end(), args.begin(), args.end());
  return test_support::run_to_completion(argv, {}, seconds(120));
}

void ShortRun::expect_staged_matches_oracle() const {
  const auto files = export_test::staged_files(dir_ / "staging", kSync);
  ASSERT_FALSE(files.empty()) << "nothing staged";
  EXPECT_EQ(files.front().start_at, core::format_iso8601(start_));
  for (std::size_t i = 1; i < files.size(); ++i) {
    const auto previous_end = core::parse_iso8601(files[i - 1].end_at);
    ASSERT_TRUE(previous_end);
    EXPECT_EQ(files[i].start_at, core::format_iso8601(*previous_end + core::Seconds{1}))
        << "gap or overlap after window " << files[i - 1].start_at;
  }
  std::vector<std::string> staged;
  for (const auto& file : files) {
    auto lines = data_lines(read_bytes(file.path));
    staged.insert(staged.end(), lines.begin(), lines.end());
  }
  const std::string filter = "{\"createdAt\":{\"startAt\":\"" + core::format_iso8601(start_) +
                             "\",\"endAt\":\"" + files.back().end_at + "\"}}";
  auto oracle = data_lines(test_support::FakeMarketo::expect(data_flags_, export_test::kFields, filter));
  std::sort(staged.begin(), staged.end());
  std::sort(oracle.begin(), oracle.end());
  EXPECT_GT(oracle.size(), 50u);
  EXPECT_EQ(staged.size(), oracle.size());
  EXPECT_TRUE(staged == oracle) << "staged rows differ from the oracle";
}

std::vector<SpoiledAnswer> ShortRun::spoiled(const std::string& kind) const {
  std::vector<SpoiledAnswer> out;
  std::ifstream log(dir_ / "requests.jsonl");
  for (std::string line; std::getline(log, line);) {
    rapidjson::Document d;
    d.Parse(line.c_str(), line.size());
    if (d.HasParseError() || !d.IsObject() || !d.HasMember("faults") || !d["faults"].IsString()) continue;
    if (std::string(d["faults"].GetString()).find(kind) == std::string::npos) continue;
    out.push_back({d["target"].GetString(), d["status"].GetUint(), d["bytes"].GetUint64()});
  }
  return out;
}

std::vector<std::string> ShortRun::strays() const {
  const auto entries = walk_tree(dir_.path());
  auto strays = outside(entries, {"config.yaml", "state.db*", "staging", "requests.jsonl"});
  for (const auto& entry : entries) {
    if (entry.relative.string().find("msync-escape") != std::string::npos) strays.push_back(entry.relative.string());
  }
  return strays;
}

std::vector<std::string> escapes_beside(const fs::path& dir) {
  std::vector<std::string> found;
  for (const auto& entry : fs::directory_iterator(dir.parent_path())) {
    const auto name = entry.path().filename().string();
    if (name.starts_with("msync-escape")) found.push_back(entry.path().string());
  }
  return found;
}

}  // namespace msync::reliability
