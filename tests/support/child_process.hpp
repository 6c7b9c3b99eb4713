#pragma once
// Child processes for tests: run one to completion capturing its output, or keep one running
// (a daemon, fake-marketo) to signal and wait for. Every wait is bounded.
#include <sys/types.h>

#include <chrono>
#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace msync::test_support {

// How a child's environment differs from this process's: variables set (or overridden), and
// variables removed. The proxy variables (HTTP(S)_PROXY, NO_PROXY, either case) are always
// removed unless set here.
struct Environment {
  std::map<std::string, std::string> set;
  std::vector<std::string> unset;
};

struct Completed {
  int exit_code = -1;  // 128 + signal when killed by one; -1 when it had to be killed at the deadline
  std::string out;
  std::string err;
};

// argv[0] is the program.
Completed run_to_completion(const std::vector<std::string>& argv, const Environment& env = {},
                            std::chrono::seconds deadline = std::chrono::seconds(120));

class ChildProcess {
 public:
  // Starts argv; its stdout and stderr go to output_file (appended), or stay the test's own.
  ChildProcess(const std::vector<std::string>& argv, const Environment& env = {},
               const std::optional<std::filesystem::path>& output_file = std::nullopt);
  ~ChildProcess();  // SIGKILL and reap if still running
  ChildProcess(const ChildProcess&) = delete;
  ChildProcess& operator=(const ChildProcess&) = delete;
  ChildProcess(ChildProcess&& other) noexcept : pid_(other.pid_) { other.pid_ = -1; }

  pid_t pid() const { return pid_; }
  void signal(int signal_number) const;
  // The exit code (128 + signal when killed by one), or nullopt if still running at the deadline.
  std::optional<int> wait_for(std::chrono::milliseconds deadline);

  // For a child started with a stdout pipe: the first line it prints (without the newline).
  static ChildProcess with_first_line(const std::vector<std::string>& argv, std::string& first_line,
                                      std::chrono::seconds deadline = std::chrono::seconds(30));

 private:
  ChildProcess() = default;
  pid_t pid_ = -1;
};

}  // namespace msync::test_support
