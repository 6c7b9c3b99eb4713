#pragma once
// The real fake-marketo binary for these tests, on top of the shared test support: started on
// port 0 with its URL read from the first stdout line, stopped (SIGTERM, then SIGKILL after a
// bounded wait) at the end.
#include <string>
#include <vector>

#include "support/child_process.hpp"
#include "support/fake_marketo.hpp"

namespace fake_test {

std::string source_path(const std::string& relative);  // under the repository root

class FakeMarketoProcess {
 public:
  // Throws std::runtime_error when the binary does not print its URL within 30 s. args must
  // include no --listen unless the test picks its own address.
  explicit FakeMarketoProcess(std::vector<std::string> args);
  ~FakeMarketoProcess();
  FakeMarketoProcess(const FakeMarketoProcess&) = delete;
  FakeMarketoProcess& operator=(const FakeMarketoProcess&) = delete;

  const std::string& url() const { return url_; }
  const std::string& host() const { return host_; }
  const std::string& port() const { return port_; }

  // SIGTERM and wait: the exit code (128 + signal when killed by one), -1 if it had to be killed.
  int stop();

 private:
  std::unique_ptr<msync::test_support::ChildProcess> process_;
  std::string url_, host_, port_;
};

using CommandResult = msync::test_support::Completed;

// Runs fake-marketo with these arguments to completion (bounded: 60 s).
CommandResult run_fake_marketo(const std::vector<std::string>& args);

}  // namespace fake_test
