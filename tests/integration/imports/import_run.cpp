#include "import_run.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <cctype>
#include <fstream>
#include <map>
#include <sstream>

#include "core/core.hpp"
#include "json_fields.hpp"
#include "staging/staging.hpp"
#include "support/paths.hpp"

namespace msync::import_test {
namespace {

namespace fs = std::filesystem;
using namespace std::chrono_literals;

std::string lower(std::string text) {
  for (char& c : text) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return text;
}

}  // namespace

ImportRun::ImportRun(std::vector<std::string> extra_fake_flags, ImportSpec spec, const ConfigAdditions& additions)
    : spec_(std::move(spec)) {
  std::vector<std::string> flags{"--request-log", (dir_ / "requests.jsonl").string()};
  // The fast import clock, unless the scenario sets its own (fake-marketo takes a flag once).
  const std::pair<std::string, std::string> fast_clock[] = {{"--import-queue-seconds", "0.2"},
                                                            {"--import-process-seconds", "0.5"}};
  for (const auto& [flag, value] : fast_clock) {
    if (std::find(extra_fake_flags.begin(), extra_fake_flags.end(), flag) == extra_fake_flags.end())
      flags.insert(flags.end(), {flag, value});
  }
  flags.insert(flags.end(), extra_fake_flags.begin(), extra_fake_flags.end());
  fake_ = std::make_unique<test_support::FakeMarketo>(flags);
  fs::create_directories(inbound());

  std::ofstream config(dir_ / "config.yaml");
  config << "marketo:\n"
         << "  base_url: " << fake_->url() << "\n"
         << "  client_id: demo-client\n"
         << "  client_secret: demo-secret\n"
         << "  import_poll_interval: 5s\n"
         << additions.marketo_keys
         << "state_db: " << (dir_ / "state.db").string() << "\n"
         << "staging_dir: " << (dir_ / "staging").string() << "\n"
         << "health:\n  listen: 127.0.0.1:0\n"
         << "imports:\n"
         << "  - name: " << spec_.name << "\n"
         << "    program_id: " << spec_.program_id << "\n"
         << "    program_member_status: \"" << spec_.status << "\"\n"
         << "    inbound_dir: " << inbound().string() << "\n"
         << "    format: " << spec_.format << "\n"
         << additions.sections;
}

fs::path ImportRun::inbound() const { return dir_ / "imports" / "inbound"; }
fs::path ImportRun::done_root() const { return dir_ / "imports" / (spec_.name + ".done"); }
fs::path ImportRun::rejected_root() const { return dir_ / "imports" / (spec_.name + ".rejected"); }
fs::path ImportRun::work_root() const { return dir_ / "imports" / (spec_.name + ".work"); }

fs::path ImportRun::drop(const std::string& name, const std::string& bytes, bool settled) const {
  const fs::path temporary = inbound() / ("." + name + ".tmp");
  const fs::path target = inbound() / name;
  {
    std::ofstream out(temporary, std::ios::binary);
    out << bytes;
  }
  if (settled) fs::last_write_time(temporary, fs::file_time_type::clock::now() - 60s);
  fs::rename(temporary, target);
  return target;
}

std::vector<std::string> ImportRun::daemon_argv(bool once) const {
  std::vector<std::string> argv{test_support::syncd_binary(), "run", "--config", config().string()};
  if (once) argv.push_back("--once");
  return argv;
}

test_support::Completed ImportRun::run_once(const test_support::Environment& env) const {
  return test_support::run_to_completion(daemon_argv(true), env, std::chrono::seconds(240));
}

std::vector<Member> ImportRun::members() const {
  const std::string url = fake_->url() + "/admin/program-members?programId=" + std::to_string(spec_.program_id);
  const auto answer = test_support::run_to_completion({"/usr/bin/curl", "-sf", url});
  EXPECT_EQ(answer.exit_code, 0) << url << ": " << answer.err;
  std::vector<Member> out;
  const auto d = parse_object(answer.out, url);
  if (!d.IsObject() || !d.HasMember("members") || !d["members"].IsArray()) return out;
  for (const auto& m : d["members"].GetArray()) {
    Member member;
    read(m, "email", member.email, url);
    read(m, "status", member.status, url);
    read(m, "imports", member.imports, url);
    out.push_back(std::move(member));
  }
  return out;
}

std::vector<Request> ImportRun::requests() const {
  std::vector<Request> out;
  std::string text = read_file(dir_ / "requests.jsonl");
  text.resize(text.rfind('\n') + 1);  // a line being written while the daemon runs waits for the next call
  const std::string where = "fake-marketo's request log";
  std::istringstream lines(text);
  for (std::string line; std::getline(lines, line);) {
    const auto d = parse_object(line, where);
    Request r;
    read(d, "method", r.method, where);
    read(d, "target", r.target, where);
    read(d, "status", r.status, where);
    read(d, "marketo_error", r.marketo_error, where);
    out.push_back(std::move(r));
  }
  return out;
}

std::size_t ImportRun::uploads() const {
  const auto all = requests();
  return static_cast<std::size_t>(std::count_if(all.begin(), all.end(), [](const Request& r) {
    return r.method == "POST" && r.target.substr(0, r.target.find('?')).ends_with("/members/import.json");
  }));
}

std::size_t ImportRun::answers_with_error(const std::string& marketo_error) const {
  const auto all = requests();
  return static_cast<std::size_t>(
      std::count_if(all.begin(), all.end(), [&](const Request& r) { return r.marketo_error == marketo_error; }));
}

std::vector<std::string> ImportRun::entries(const fs::path& folder) {
  std::vector<std::string> names;
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator(folder, ec)) names.push_back(entry.path().filename().string());
  std::sort(names.begin(), names.end());
  return names;
}

std::vector<std::string> ImportRun::work_files() const {
  std::vector<std::string> files;
  std::error_code ec;
  for (const auto& entry : fs::recursive_directory_iterator(work_root(), ec)) {
    if (entry.is_regular_file()) files.push_back(entry.path().lexically_relative(work_root()).string());
  }
  std::sort(files.begin(), files.end());
  return files;
}

std::string read_file(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  EXPECT_TRUE(in.good()) << "cannot read " << path;
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

std::string sha256_hex(const fs::path& path) {
  auto digest = staging::sha256_of_file(path);
  EXPECT_TRUE(digest.ok()) << path;
  return digest.ok() ? *digest : std::string();
}

std::string member_email(const std::string& prefix, std::size_t row) {
  return prefix + "-" + std::to_string(row) + "@example.com";
}

std::string member_file(const std::string& prefix, std::size_t rows, std::size_t company_bytes) {
  std::string text = "email,firstName,lastName,company\n";
  const std::string padding(company_bytes, 'x');
  for (std::size_t row = 0; row < rows; ++row) {
    text += member_email(prefix, row) + ",First" + std::to_string(row) + ",Last,Company " + padding + "\n";
  }
  return text;
}

void expect_members(const std::vector<Member>& members, const std::vector<std::string>& emails,
                    const std::string& status, unsigned imports) {
  std::map<std::string, const Member*> by_email;
  for (const Member& m : members) {
    EXPECT_TRUE(by_email.emplace(lower(m.email), &m).second) << "member listed twice: " << m.email;
  }
  EXPECT_EQ(members.size(), emails.size()) << "the program has other members than the files hold";
  std::size_t wrong = 0;
  for (const auto& email : emails) {
    const auto found = by_email.find(lower(email));
    if (found == by_email.end()) {
      if (++wrong <= 5) ADD_FAILURE() << email << " is not a member";
      continue;
    }
    if (found->second->status != status || found->second->imports != imports) {
      if (++wrong <= 5)
        ADD_FAILURE() << email << ": status \"" << found->second->status << "\", imported "
                      << found->second->imports << " time(s); expected \"" << status << "\", " << imports;
    }
  }
  EXPECT_EQ(wrong, 0u) << "members missing or wrong (first 5 shown)";
}

void expect_no_work_left(const ImportRun& run) {
  std::uintmax_t bytes = 0;
  const auto left = run.work_files();
  for (const auto& file : left) bytes += fs::file_size(run.work_root() / file);
  EXPECT_TRUE(left.empty()) << "finished files left " << left.size() << " file(s), " << bytes << " bytes, in "
                            << run.work_root() << ", the first: " << left.front();
}

std::optional<ResultStatus> expect_result_folder(const ImportRun& run, const std::string& file,
                                                 const std::string& dropped) {
  const fs::path folder = run.done_root() / file;
  if (!fs::is_directory(folder)) {
    ADD_FAILURE() << "no result folder " << folder;
    return std::nullopt;
  }
  ResultStatus s = ResultStatus::parse(folder / "status.json");
  EXPECT_EQ(s.import, run.spec().name);
  EXPECT_EQ(s.file, file);
  staging::Sha256 digest;
  digest.update(dropped);
  EXPECT_EQ(s.sha256, digest.hex());
  EXPECT_EQ(s.program_id, run.spec().program_id);
  EXPECT_EQ(s.program_member_status, run.spec().status);
  EXPECT_EQ(s.format, run.spec().format);
  EXPECT_TRUE(s.outcome == "complete" || s.outcome == "failed") << s.outcome;
  const auto taken = core::parse_iso8601(s.taken_at, true);
  const auto finished = core::parse_iso8601(s.finished_at, true);
  EXPECT_TRUE(taken && finished) << s.taken_at << " / " << s.finished_at;
  if (taken && finished) {
    EXPECT_LE(*taken, *finished);
  }
  EXPECT_GT(s.file_id, 0);
  std::int64_t processed = 0, failed = 0, warned = 0;
  for (std::size_t i = 0; i < s.parts.size(); ++i) {
    EXPECT_EQ(s.parts[i].part, static_cast<std::int64_t>(i)) << file;
    processed += s.parts[i].leads_processed;
    failed += s.parts[i].rows_failed;
    warned += s.parts[i].rows_with_warning;
  }
  EXPECT_EQ(s.leads_processed, processed) << file << ": totals are not the sum of the parts";
  EXPECT_EQ(s.rows_failed, failed) << file;
  EXPECT_EQ(s.rows_with_warning, warned) << file;
  EXPECT_TRUE(read_file(folder / file) == dropped) << file << ": the source beside the results differs";
  return s;
}

}  // namespace msync::import_test
