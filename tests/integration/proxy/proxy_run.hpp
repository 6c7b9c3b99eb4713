#pragma once
// One short run of marketo-syncd against its own fake-marketo (three weeks of a year of leads, one
// createdAt sync), with the environment the test gives it, and what the checks read back: the
// staged rows, the oracle's rows for the same span, and the requests fake-marketo saw.
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "core/core.hpp"
#include "support/child_process.hpp"
#include "support/fake_marketo.hpp"
#include "support/temp_dir.hpp"

namespace msync::proxy_test {

struct ProxyRunOptions {
  bool tls = true;                        // fake-marketo over HTTPS with the checked-in test CA
  std::string certificate = "server";     // tests/fake_marketo/certs/<name>.pem: server or wrong-host
  std::string listen = "127.0.0.1:0";     // fake-marketo's --listen
  std::string marketo_yaml;               // more keys under marketo:, each line indented two spaces
};

class ProxyRun {
 public:
  static constexpr const char* kSync = "leads_created";

  explicit ProxyRun(ProxyRunOptions options = {});

  const std::filesystem::path& dir() const { return dir_.path(); }
  const std::string& fake_url() const { return fake_->url(); }
  // fake-marketo's host:port as a CONNECT names it ("127.0.0.1:PORT", "[::1]:PORT").
  std::string fake_authority() const;

  // marketo-syncd run --once. The proxy variables of the test's own environment are removed first,
  // then `variables` set.
  test_support::Completed run_once(const std::map<std::string, std::string>& variables = {}) const;

  // The data rows of every staged file (manifests checked), sorted.
  std::vector<std::string> staged_rows() const;
  // Asserts (gtest) that something was staged (more than 50 rows) and that it equals what
  // fake-marketo says the staged span should hold.
  void expect_staged_matches_oracle() const;
  // Requests in fake-marketo's log.
  std::size_t requests() const;

 private:
  test_support::TempDir dir_;
  core::Timestamp start_;
  std::vector<std::string> data_flags_;
  std::unique_ptr<test_support::FakeMarketo> fake_;
};

// Every file below dir, read whole, for searching a run's leftovers for a secret.
std::string everything_written(const std::filesystem::path& dir);

}  // namespace msync::proxy_test
