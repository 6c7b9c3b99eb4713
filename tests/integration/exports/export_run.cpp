#include "export_run.hpp"

#include <gtest/gtest.h>
#include <openssl/evp.h>
#include <rapidjson/document.h>

#include <algorithm>
#include <fstream>
#include <sstream>

#include "csv/csv.hpp"
#include "staging/staging.hpp"
#include "support/paths.hpp"

namespace msync::export_test {
namespace {

using namespace std::chrono;

std::string sha256_of(const std::string& data) {
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int size = 0;
  EVP_Digest(data.data(), data.size(), digest, &size, EVP_sha256(), nullptr);
  static const char* hex = "0123456789abcdef";
  std::string out = "sha256:";
  for (unsigned i = 0; i < size; ++i) {
    out += hex[digest[i] >> 4];
    out += hex[digest[i] & 15];
  }
  return out;
}

}  // namespace

std::string read_file(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

std::vector<std::string> data_rows(const std::string& text) {
  csv::RecordReader reader(text, ',');
  std::vector<std::string> rows;
  csv::Record record;
  bool header = true;
  for (;;) {
    auto more = reader.next(record);
    EXPECT_TRUE(more.ok()) << (more.ok() ? "" : more.error().message);
    if (!more.ok() || !*more) break;
    if (std::exchange(header, false)) continue;
    std::string row;
    for (const auto& field : record.fields) row += field.value + '\x1f';
    rows.push_back(std::move(row));
  }
  return rows;
}

std::string raw_content(const std::filesystem::path& file, const std::string& compression) {
  if (compression == "none") return read_file(file);
  const std::string tool = compression == "gzip" ? "/usr/bin/gzip" : "/usr/bin/zstd";
  auto decoded = test_support::run_to_completion({tool, "-dc", file.string()});
  EXPECT_EQ(decoded.exit_code, 0) << tool << " -dc " << file << ": " << decoded.err;
  return decoded.out;
}

core::Timestamp year_epoch() { return floor<days>(core::SystemClock{}.now()) - days(370); }

std::vector<std::string> year_of_leads(core::Timestamp epoch) {
  return {"--leads", "3000", "--seed", "11", "--epoch", core::format_iso8601(epoch), "--span-days", "365"};
}

std::vector<std::string> fast_export_clock(const std::string& process_seconds) {
  return {"--queue-seconds", "0.05", "--process-seconds", process_seconds, "--status-refresh", "0.1"};
}

std::string fast_polling_yaml(int calls_per_20s) {
  return "  poll_interval: 1s\n  limits:\n    calls_per_20s: " + std::to_string(calls_per_20s) + "\n";
}

std::string export_sync_yaml(const std::string& name, const std::string& entity, const std::string& filter,
                             core::Timestamp epoch, const std::string& extra) {
  std::ostringstream yaml;
  yaml << "  - name: " << name << "\n"
       << "    entity: " << entity << "\n"
       << extra
       << "    filter: " << filter << "\n"
       << "    start: " << core::format_iso8601(epoch) << "\n"
       << "    window: 7d\n"
       << "    lag: 0s\n"
       << "    every: 1h\n";
  return yaml.str();
}

std::string export_syncs_yaml(core::Timestamp epoch, bool updated_too, const std::string& compression) {
  std::string extra = "    fields: [" + kFields + "]\n";
  if (!compression.empty()) extra += "    compression: " + compression + "\n";
  std::string yaml = "exports:\n" + export_sync_yaml("leads_created", "leads", "createdAt", epoch, extra);
  if (updated_too) yaml += export_sync_yaml("leads_updated", "leads", "updatedAt", epoch, extra);
  return yaml;
}

ExportRun::ExportRun(std::vector<std::string> extra_fake_flags, bool updated_too, int calls_per_20s,
                     const std::string& compression)
    : ExportRun([&](core::Timestamp epoch) { return export_syncs_yaml(epoch, updated_too, compression); },
                std::move(extra_fake_flags), calls_per_20s, "0.2") {}

ExportRun ExportRun::with_exports(std::vector<std::string> extra_fake_flags, const ExportsYaml& exports,
                                  int calls_per_20s, const std::string& process_seconds) {
  return ExportRun(exports, std::move(extra_fake_flags), calls_per_20s, process_seconds);
}

ExportRun::ExportRun(const ExportsYaml& exports, std::vector<std::string> extra_fake_flags, int calls_per_20s,
                     const std::string& process_seconds)
    : epoch_(year_epoch()), data_flags_(year_of_leads(epoch_)) {
  std::vector<std::string> flags = data_flags_;
  const auto clock = fast_export_clock(process_seconds);
  flags.insert(flags.end(), clock.begin(), clock.end());
  flags.insert(flags.end(), {"--request-log", (dir_ / "requests.jsonl").string()});
  flags.insert(flags.end(), extra_fake_flags.begin(), extra_fake_flags.end());
  fake_ = std::make_unique<test_support::FakeMarketo>(flags);

  std::ofstream config(dir_ / "config.yaml");
  config << "marketo:\n"
         << "  base_url: " << fake_->url() << "\n"
         << "  client_id: demo-client\n"
         << "  client_secret: demo-secret\n"
         << fast_polling_yaml(calls_per_20s)
         << "state_db: state.db\n"
         << "staging_dir: staging\n"
         << "health:\n  listen: 127.0.0.1:0\n"
         << exports(epoch_);
}

std::vector<std::string> ExportRun::daemon_argv(bool once) const {
  std::vector<std::string> argv{test_support::syncd_binary(), "run", "--config", config().string()};
  if (once) argv.push_back("--once");
  return argv;
}

std::vector<std::string> ExportRun::backfill_argv(const std::string& sync, core::Timestamp from,
                                                 core::Timestamp to) const {
  return {test_support::syncd_binary(), "backfill", "--config", config().string(), "--sync", sync,
          "--from", core::format_iso8601(from), "--to", core::format_iso8601(to)};
}

test_support::Completed ExportRun::run_once() const {
  return test_support::run_to_completion(daemon_argv(true), {}, seconds(300));
}

std::size_t ExportRun::manifests(const std::string& sync) const {
  std::error_code ec;
  std::size_t count = 0;
  for (const auto& entry : std::filesystem::directory_iterator(dir_ / "staging" / sync, ec))
    count += entry.path().filename().string().ends_with(".manifest.json");
  return count;
}

std::vector<StagedFile> ExportRun::staged(const std::string& sync) const { return staged_files(dir_ / "staging", sync); }

void ExportRun::expect_matches_oracle(const std::string& sync, const std::string& filter) const {
  export_test::expect_matches_oracle(dir_ / "staging", sync, filter, data_flags_, epoch_);
}

void ExportRun::expect_matches_oracle(const std::string& sync, const std::string& entity, const std::string& filter,
                                      const std::string& fields, const std::string& narrowing,
                                      const std::string& api_name) const {
  export_test::expect_matches_oracle(dir_ / "staging", sync, filter, data_flags_, epoch_, entity, fields, narrowing,
                                     api_name);
}

std::vector<StagedFile> staged_files(const std::filesystem::path& staging_dir, const std::string& sync) {
  std::vector<StagedFile> files;
  const auto sync_dir = staging_dir / sync;
  if (!std::filesystem::exists(sync_dir)) return files;
  for (const auto& entry : std::filesystem::directory_iterator(sync_dir)) {
    const auto name = entry.path().filename().string();
    if (!entry.is_regular_file() || !name.ends_with(".manifest.json")) continue;
    auto manifest = staging::parse_manifest(read_file(entry.path()));
    EXPECT_TRUE(manifest.ok()) << name;
    if (!manifest.ok()) continue;
    const auto data_path = sync_dir / manifest->file;
    const std::string compression(staging::to_string(manifest->compression));
    EXPECT_TRUE(manifest->file.ends_with(staging::file_suffix(manifest->compression))) << data_path;
    EXPECT_EQ(manifest->stored_bytes, std::filesystem::file_size(data_path)) << data_path;
    // Marketo's size, checksum and record count describe the raw bytes, however they are stored.
    const std::string data = raw_content(data_path, compression);
    EXPECT_EQ(manifest->sha256, sha256_of(data)) << data_path;
    EXPECT_EQ(manifest->bytes, data.size()) << data_path;
    EXPECT_EQ(manifest->records, data_rows(data).size()) << data_path;
    EXPECT_EQ(manifest->sync, sync);
    files.push_back({data_path, core::format_iso8601(manifest->filter.start_at.value_or(core::Timestamp{})),
                     core::format_iso8601(manifest->filter.end_at.value_or(core::Timestamp{})),
                     manifest->export_id, manifest->records, compression});
  }
  // Nothing half-written is ever published: every data file has its manifest.
  for (const auto& entry : std::filesystem::directory_iterator(sync_dir)) {
    const auto name = entry.path().filename().string();
    if (!entry.is_regular_file() || name.ends_with(".manifest.json") || name.starts_with("_SUCCESS_")) continue;
    EXPECT_TRUE(std::filesystem::exists(sync_dir / staging::manifest_file_name(name))) << name;
    EXPECT_FALSE(name.ends_with(".part")) << name;
  }
  std::sort(files.begin(), files.end(), [](const auto& a, const auto& b) { return a.start_at < b.start_at; });
  return files;
}

std::vector<std::string> oracle_rows(const std::vector<std::string>& data_flags, const std::string& filter,
                                     core::Timestamp from, core::Timestamp last_end, const std::string& entity,
                                     const std::string& fields, const std::string& narrowing,
                                     const std::string& api_name) {
  std::vector<std::string> rows;
  for (; from <= last_end; from += days(31)) {
    const core::Timestamp to = std::min(from + days(31) - core::Seconds{1}, last_end);
    const std::string filter_json = "{\"" + filter + "\":{\"startAt\":\"" + core::format_iso8601(from) +
                                    "\",\"endAt\":\"" + core::format_iso8601(to) + "\"}" + narrowing + "}";
    auto more = data_rows(
        test_support::FakeMarketo::expect(data_flags, fields, filter_json, "csv", entity, api_name));
    rows.insert(rows.end(), more.begin(), more.end());
  }
  std::sort(rows.begin(), rows.end());
  return rows;
}

void expect_matches_oracle(const std::filesystem::path& staging_dir, const std::string& sync, const std::string& filter,
                           const std::vector<std::string>& data_flags, core::Timestamp epoch,
                           const std::string& entity, const std::string& fields, const std::string& narrowing,
                           const std::string& api_name) {
  const auto files = staged_files(staging_dir, sync);
  ASSERT_FALSE(files.empty()) << "nothing staged for " << sync;
  // Windows: contiguous from the start, each staged once.
  EXPECT_EQ(files.front().start_at, core::format_iso8601(epoch));
  for (std::size_t i = 1; i < files.size(); ++i) {
    const auto previous_end = core::parse_iso8601(files[i - 1].end_at);
    ASSERT_TRUE(previous_end);
    EXPECT_EQ(files[i].start_at, core::format_iso8601(*previous_end + core::Seconds{1}))
        << sync << ": gap or overlap after window " << files[i - 1].start_at;
  }
  const auto last_end = core::parse_iso8601(files.back().end_at);
  ASSERT_TRUE(last_end);
  EXPECT_GE(*last_end, epoch + days(365)) << "the staged windows stop before the data does";

  std::vector<std::string> staged_rows;
  for (const auto& file : files) {
    auto rows = data_rows(raw_content(file.path, file.compression));
    staged_rows.insert(staged_rows.end(), rows.begin(), rows.end());
  }
  auto oracle = oracle_rows(data_flags, filter, epoch, *last_end, entity, fields, narrowing, api_name);
  std::sort(staged_rows.begin(), staged_rows.end());
  EXPECT_GT(oracle.size(), 1000u);
  EXPECT_EQ(staged_rows.size(), oracle.size()) << sync;
  EXPECT_TRUE(staged_rows == oracle) << sync << ": staged rows differ from the oracle";
  EXPECT_TRUE(std::adjacent_find(staged_rows.begin(), staged_rows.end()) == staged_rows.end())
      << sync << ": a row was staged twice";
}

std::vector<Request> ExportRun::requests() const {
  std::vector<Request> out;
  std::ifstream log(dir_ / "requests.jsonl");
  std::string line;
  while (std::getline(log, line)) {
    rapidjson::Document d;
    d.Parse(line.c_str(), line.size());
    if (d.HasParseError() || !d.IsObject()) continue;
    Request r;
    r.method = d["method"].GetString();
    r.target = d["target"].GetString();
    r.status = d["status"].GetUint();
    if (d.HasMember("marketo_error") && d["marketo_error"].IsString()) r.marketo_error = d["marketo_error"].GetString();
    if (d.HasMember("processing") && d["processing"].IsUint()) r.processing = static_cast<int>(d["processing"].GetUint());
    if (d.HasMember("queued") && d["queued"].IsUint()) r.queued = static_cast<int>(d["queued"].GetUint());
    out.push_back(std::move(r));
  }
  return out;
}

std::size_t ExportRun::count(const std::string& method, const std::string& path_suffix) const {
  const auto all = requests();
  return static_cast<std::size_t>(std::count_if(all.begin(), all.end(), [&](const Request& r) {
    const auto path = r.target.substr(0, r.target.find('?'));
    return r.method == method && path.ends_with(path_suffix);
  }));
}

}  // namespace msync::export_test
