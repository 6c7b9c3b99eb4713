#include "fake_marketo_process.hpp"

#include <signal.h>

#include <stdexcept>

#include "support/paths.hpp"

namespace fake_test {

namespace support = msync::test_support;

std::string source_path(const std::string& relative) { return support::source_dir() + "/" + relative; }

FakeMarketoProcess::FakeMarketoProcess(std::vector<std::string> args) {
  std::vector<std::string> argv{support::fake_marketo_binary()};
  argv.insert(argv.end(), args.begin(), args.end());
  std::string line;
  process_ = std::make_unique<support::ChildProcess>(support::ChildProcess::with_first_line(argv, line));
  const std::string prefix = "listening on ";
  if (!line.starts_with(prefix)) throw std::runtime_error("fake-marketo did not announce its URL; got: " + line);
  url_ = line.substr(prefix.size());
  const auto scheme_end = url_.find("://") + 3;
  const auto colon = url_.rfind(':');
  host_ = url_.substr(scheme_end, colon - scheme_end);
  port_ = url_.substr(colon + 1);
}

FakeMarketoProcess::~FakeMarketoProcess() { stop(); }

int FakeMarketoProcess::stop() {
  if (!process_) return -1;
  auto process = std::move(process_);
  process->signal(SIGTERM);
  if (auto code = process->wait_for(std::chrono::seconds(10))) return *code;
  return -1;  // the ChildProcess destructor kills it
}

CommandResult run_fake_marketo(const std::vector<std::string>& args) {
  std::vector<std::string> argv{support::fake_marketo_binary()};
  argv.insert(argv.end(), args.begin(), args.end());
  return support::run_to_completion(argv, {}, std::chrono::seconds(60));
}

}  // namespace fake_test
