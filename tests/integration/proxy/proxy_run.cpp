#include "proxy_run.hpp"

#include <algorithm>
#include <fstream>

#include <gtest/gtest.h>

#include "export_run.hpp"
#include "support/paths.hpp"

namespace msync::proxy_test {
namespace {

namespace fs = std::filesystem;
using namespace std::chrono;

fs::path certs() { return fs::path(test_support::source_dir()) / "tests/fake_marketo/certs"; }

}  // namespace

ProxyRun::ProxyRun(ProxyRunOptions options)
    : start_(floor<days>(core::SystemClock{}.now()) - days(21)),
      data_flags_(export_test::year_of_leads(export_test::year_epoch())) {
  std::vector<std::string> flags = data_flags_;
  const auto clock = export_test::fast_export_clock();
  flags.insert(flags.end(), clock.begin(), clock.end());
  flags.insert(flags.end(), {"--request-log", (dir_ / "requests.jsonl").string()});
  if (options.tls) {
    flags.insert(flags.end(), {"--tls-cert", (certs() / (options.certificate + ".pem")).string(), "--tls-key",
                               (certs() / (options.certificate + ".key")).string()});
  }
  fake_ = std::make_unique<test_support::FakeMarketo>(flags, options.listen);

  std::ofstream config(dir_ / "config.yaml");
  config << "marketo:\n"
         << "  base_url: " << fake_->url() << "\n"
         << "  client_id: demo-client\n"
         << "  client_secret: demo-secret\n";
  if (options.tls) config << "  ca_file: " << (certs() / "ca.pem").string() << "\n";
  config << export_test::fast_polling_yaml(600) << options.marketo_yaml
         << "state_db: state.db\n"
         << "staging_dir: staging\n"
         << "health:\n  listen: 127.0.0.1:0\n"
         << export_test::export_syncs_yaml(start_, false);
}

std::string ProxyRun::fake_authority() const { return fake_url().substr(fake_url().find("://") + 3); }

test_support::Completed ProxyRun::run_once(const std::map<std::string, std::string>& variables) const {
  test_support::Environment env;  // the runner's own proxy variables are never passed on
  env.set = variables;
  const std::vector<std::string> argv{test_support::syncd_binary(), "run", "--config", (dir_ / "config.yaml").string(),
                                      "--once"};
  return test_support::run_to_completion(argv, env, seconds(120));
}

std::vector<std::string> ProxyRun::staged_rows() const {
  std::vector<std::string> rows;
  for (const auto& file : export_test::staged_files(dir_ / "staging", kSync)) {
    auto lines = export_test::data_rows(export_test::read_file(file.path));
    rows.insert(rows.end(), lines.begin(), lines.end());
  }
  std::sort(rows.begin(), rows.end());
  return rows;
}

void ProxyRun::expect_staged_matches_oracle() const {
  const auto files = export_test::staged_files(dir_ / "staging", kSync);
  ASSERT_FALSE(files.empty()) << "nothing staged";
  const auto last_end = core::parse_iso8601(files.back().end_at);
  ASSERT_TRUE(last_end.has_value()) << files.back().end_at;
  const auto rows = staged_rows();
  EXPECT_GT(rows.size(), 50u);
  EXPECT_TRUE(rows == export_test::oracle_rows(data_flags_, "createdAt", start_, *last_end))
      << "staged rows differ from the oracle";
}

std::size_t ProxyRun::requests() const {
  std::size_t lines = 0;
  std::ifstream log(dir_ / "requests.jsonl");
  for (std::string line; std::getline(log, line);) ++lines;
  return lines;
}

std::string everything_written(const fs::path& dir) {
  std::string all;
  for (const auto& entry : fs::recursive_directory_iterator(dir)) {
    if (entry.is_regular_file()) all += export_test::read_file(entry.path());
  }
  return all;
}

}  // namespace msync::proxy_test
