#include "support/child_process.hpp"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <string_view>
#include <stdexcept>
#include <thread>
#include <utility>

extern char** environ;

namespace msync::test_support {
namespace {

using SteadyClock = std::chrono::steady_clock;

// The daemon honours these (daemon/proxy_settings.cpp): a CI host's own proxy must not come
// between a test and its loopback fake-marketo. A proxy test sets them explicitly.
constexpr std::array<std::string_view, 6> kProxyVariables{"http_proxy", "HTTP_PROXY", "https_proxy",
                                                          "HTTPS_PROXY", "no_proxy",   "NO_PROXY"};

// fork + exec with stdout / stderr redirected to the given descriptors (-1: keep the test's).
pid_t spawn(const std::vector<std::string>& argv, const Environment& changes, int out_fd, int err_fd) {
  if (argv.empty()) throw std::invalid_argument("spawn: empty argv");
  std::vector<std::string> env_storage;
  for (char** e = environ; *e != nullptr; ++e) {
    std::string entry(*e);
    const auto name = entry.substr(0, entry.find('='));
    const bool removed = std::find(changes.unset.begin(), changes.unset.end(), name) != changes.unset.end() ||
                         std::find(kProxyVariables.begin(), kProxyVariables.end(), name) != kProxyVariables.end();
    if (!changes.set.count(name) && !removed) env_storage.push_back(std::move(entry));
  }
  for (const auto& [name, value] : changes.set) env_storage.push_back(name + "=" + value);
  std::vector<char*> args, env;
  std::vector<std::string> argv_storage = argv;
  for (auto& a : argv_storage) args.push_back(a.data());
  args.push_back(nullptr);
  for (auto& e : env_storage) env.push_back(e.data());
  env.push_back(nullptr);

  const pid_t pid = ::fork();
  if (pid < 0) throw std::runtime_error("fork failed");
  if (pid == 0) {
    if (out_fd >= 0) ::dup2(out_fd, STDOUT_FILENO);
    if (err_fd >= 0) ::dup2(err_fd, STDERR_FILENO);
    ::execve(args[0], args.data(), env.data());
    ::_exit(127);
  }
  return pid;
}

int decode(int status) {
  if (WIFEXITED(status)) return WEXITSTATUS(status);
  if (WIFSIGNALED(status)) return 128 + WTERMSIG(status);
  return -1;
}

std::optional<int> reap(pid_t pid, SteadyClock::time_point deadline) {
  int status = 0;
  for (;;) {
    const pid_t r = ::waitpid(pid, &status, WNOHANG);
    if (r == pid) return decode(status);
    if (r < 0) return -1;
    if (SteadyClock::now() >= deadline) return std::nullopt;
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
}

}  // namespace

Completed run_to_completion(const std::vector<std::string>& argv, const Environment& env,
                            std::chrono::seconds deadline_after) {
  int out_pipe[2], err_pipe[2];
  if (::pipe2(out_pipe, O_CLOEXEC) != 0 || ::pipe2(err_pipe, O_CLOEXEC) != 0)
    throw std::runtime_error("pipe failed");
  const pid_t pid = spawn(argv, env, out_pipe[1], err_pipe[1]);
  ::close(out_pipe[1]);
  ::close(err_pipe[1]);
  Completed result;
  const auto deadline = SteadyClock::now() + deadline_after;
  pollfd fds[2] = {{out_pipe[0], POLLIN, 0}, {err_pipe[0], POLLIN, 0}};
  int open = 2;
  char buffer[65536];
  while (open > 0 && SteadyClock::now() < deadline) {
    if (::poll(fds, 2, 100) <= 0) continue;
    for (int i = 0; i < 2; ++i) {
      if (fds[i].fd < 0 || !(fds[i].revents & (POLLIN | POLLHUP))) continue;
      const ssize_t n = ::read(fds[i].fd, buffer, sizeof buffer);
      if (n <= 0) {
        fds[i].fd = -1;
        --open;
      } else {
        (i == 0 ? result.out : result.err).append(buffer, static_cast<std::size_t>(n));
      }
    }
  }
  ::close(out_pipe[0]);
  ::close(err_pipe[0]);
  if (auto code = reap(pid, deadline)) {
    result.exit_code = *code;
  } else {
    ::kill(pid, SIGKILL);
    ::waitpid(pid, nullptr, 0);
  }
  return result;
}

ChildProcess::ChildProcess(const std::vector<std::string>& argv, const Environment& env,
                           const std::optional<std::filesystem::path>& output_file) {
  int fd = -1;
  if (output_file) {
    fd = ::open(output_file->c_str(), O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0600);
    if (fd < 0) throw std::runtime_error("cannot open " + output_file->string());
  }
  pid_ = spawn(argv, env, fd, fd);
  if (fd >= 0) ::close(fd);
}

ChildProcess::~ChildProcess() {
  if (pid_ < 0) return;
  ::kill(pid_, SIGKILL);
  ::waitpid(pid_, nullptr, 0);
}

void ChildProcess::signal(int signal_number) const {
  if (pid_ >= 0) ::kill(pid_, signal_number);
}

std::optional<int> ChildProcess::wait_for(std::chrono::milliseconds deadline) {
  if (pid_ < 0) return -1;
  auto code = reap(pid_, SteadyClock::now() + deadline);
  if (code) pid_ = -1;
  return code;
}

ChildProcess ChildProcess::with_first_line(const std::vector<std::string>& argv, std::string& first_line,
                                           std::chrono::seconds deadline_after) {
  int out_pipe[2];
  if (::pipe2(out_pipe, O_CLOEXEC) != 0) throw std::runtime_error("pipe failed");
  ChildProcess child;
  child.pid_ = spawn(argv, {}, out_pipe[1], -1);
  ::close(out_pipe[1]);
  std::string text;
  const auto deadline = SteadyClock::now() + deadline_after;
  pollfd fd{out_pipe[0], POLLIN, 0};
  while (text.find('\n') == std::string::npos && SteadyClock::now() < deadline) {
    if (::poll(&fd, 1, 100) <= 0) continue;
    char chunk[256];
    const ssize_t n = ::read(out_pipe[0], chunk, sizeof chunk);
    if (n <= 0) break;
    text.append(chunk, static_cast<std::size_t>(n));
  }
  // Later output goes nowhere once the read end closes; the children tested here print one line.
  ::close(out_pipe[0]);
  const auto eol = text.find('\n');
  if (eol == std::string::npos) throw std::runtime_error(argv[0] + " printed no first line; got: " + text);
  first_line = text.substr(0, eol);
  return child;
}

}  // namespace msync::test_support
