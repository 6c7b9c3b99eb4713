#pragma once
// Runs the real fake-marketo binary ($FAKE_MARKETO) for a test: on port 0, reading the URL from its
// first stdout line, and stopping it (SIGTERM, then SIGKILL after a bounded wait) at the end.
#include <sys/types.h>

#include <string>
#include <vector>

namespace fake_test {

std::string fake_marketo_binary();
std::string source_path(const std::string& relative);  // under $MSYNC_SOURCE_DIR

class FakeMarketoProcess {
 public:
  // Throws std::runtime_error when the binary does not print its URL within 30 s.
  explicit FakeMarketoProcess(std::vector<std::string> args);
  ~FakeMarketoProcess();
  FakeMarketoProcess(const FakeMarketoProcess&) = delete;
  FakeMarketoProcess& operator=(const FakeMarketoProcess&) = delete;

  const std::string& url() const { return url_; }
  const std::string& host() const { return host_; }
  const std::string& port() const { return port_; }

  // SIGTERM and wait; the exit status as waitpid reports it (-1 if it had to be killed).
  int stop();

 private:
  pid_t pid_ = -1;
  std::string url_, host_, port_;
};

struct CommandResult {
  int exit_code = -1;
  std::string out;
  std::string err;
};

// Runs fake-marketo with these arguments to completion (bounded: 60 s).
CommandResult run_fake_marketo(const std::vector<std::string>& args);

}  // namespace fake_test
