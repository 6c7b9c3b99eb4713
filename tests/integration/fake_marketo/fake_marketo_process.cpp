#include "fake_marketo_process.hpp"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <stdexcept>
#include <thread>
#include <utility>

namespace fake_test {
namespace {

using Clock = std::chrono::steady_clock;

pid_t spawn(const std::vector<std::string>& args, int out_fd, int err_fd) {
  std::vector<std::string> argv_storage{fake_marketo_binary()};
  argv_storage.insert(argv_storage.end(), args.begin(), args.end());
  std::vector<char*> argv;
  for (auto& a : argv_storage) argv.push_back(a.data());
  argv.push_back(nullptr);
  const pid_t pid = ::fork();
  if (pid < 0) throw std::runtime_error("fork failed");
  if (pid == 0) {
    ::dup2(out_fd, STDOUT_FILENO);
    if (err_fd >= 0) ::dup2(err_fd, STDERR_FILENO);
    ::execv(argv[0], argv.data());
    ::_exit(127);
  }
  return pid;
}

// Waits for pid until the deadline; the waitpid status, or nullopt.
bool wait_until(pid_t pid, Clock::time_point deadline, int& status) {
  while (Clock::now() < deadline) {
    const pid_t r = ::waitpid(pid, &status, WNOHANG);
    if (r == pid) return true;
    if (r < 0) return false;
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  return false;
}

// Reads everything from the fds until both close or the deadline passes.
void drain(int out_fd, int err_fd, std::string& out, std::string& err, Clock::time_point deadline) {
  pollfd fds[2] = {{out_fd, POLLIN, 0}, {err_fd, POLLIN, 0}};
  int open = 2;
  char buffer[65536];
  while (open > 0 && Clock::now() < deadline) {
    if (::poll(fds, 2, 100) <= 0) continue;
    for (int i = 0; i < 2; ++i) {
      if (fds[i].fd < 0 || !(fds[i].revents & (POLLIN | POLLHUP))) continue;
      const ssize_t n = ::read(fds[i].fd, buffer, sizeof buffer);
      if (n <= 0) {
        fds[i].fd = -1;
        --open;
      } else {
        (i == 0 ? out : err).append(buffer, static_cast<std::size_t>(n));
      }
    }
  }
}

}  // namespace

std::string fake_marketo_binary() {
  const char* path = std::getenv("FAKE_MARKETO");
  if (path != nullptr && *path != '\0') return path;
#ifdef FAKE_MARKETO_BUILT
  return FAKE_MARKETO_BUILT;  // the binary this test was built with, when the environment lacks it
#else
  throw std::runtime_error("FAKE_MARKETO is not set");
#endif
}

std::string source_path(const std::string& relative) {
  const char* root = std::getenv("MSYNC_SOURCE_DIR");
  if (root == nullptr || *root == '\0') throw std::runtime_error("MSYNC_SOURCE_DIR is not set");
  return std::string(root) + "/" + relative;
}

FakeMarketoProcess::FakeMarketoProcess(std::vector<std::string> args) {
  int pipe_fds[2];
  if (::pipe2(pipe_fds, O_CLOEXEC) != 0) throw std::runtime_error("pipe failed");
  pid_ = spawn(args, pipe_fds[1], -1);
  ::close(pipe_fds[1]);
  std::string line;
  const auto deadline = Clock::now() + std::chrono::seconds(30);
  pollfd fd{pipe_fds[0], POLLIN, 0};
  while (line.find('\n') == std::string::npos && Clock::now() < deadline) {
    if (::poll(&fd, 1, 100) <= 0) continue;
    char c[256];
    const ssize_t n = ::read(pipe_fds[0], c, sizeof c);
    if (n <= 0) break;
    line.append(c, static_cast<std::size_t>(n));
  }
  ::close(pipe_fds[0]);
  const std::string prefix = "listening on ";
  const auto eol = line.find('\n');
  if (eol == std::string::npos || !line.starts_with(prefix)) {
    stop();
    throw std::runtime_error("fake-marketo did not announce its URL; got: " + line);
  }
  url_ = line.substr(prefix.size(), eol - prefix.size());
  const auto scheme_end = url_.find("://") + 3;
  const auto colon = url_.rfind(':');
  host_ = url_.substr(scheme_end, colon - scheme_end);
  port_ = url_.substr(colon + 1);
}

FakeMarketoProcess::~FakeMarketoProcess() { stop(); }

int FakeMarketoProcess::stop() {
  if (pid_ < 0) return -1;
  const pid_t pid = std::exchange(pid_, -1);
  int status = 0;
  ::kill(pid, SIGTERM);
  if (wait_until(pid, Clock::now() + std::chrono::seconds(10), status)) return status;
  ::kill(pid, SIGKILL);
  ::waitpid(pid, &status, 0);
  return -1;
}

CommandResult run_fake_marketo(const std::vector<std::string>& args) {
  int out_pipe[2], err_pipe[2];
  if (::pipe2(out_pipe, O_CLOEXEC) != 0 || ::pipe2(err_pipe, O_CLOEXEC) != 0)
    throw std::runtime_error("pipe failed");
  const pid_t pid = spawn(args, out_pipe[1], err_pipe[1]);
  ::close(out_pipe[1]);
  ::close(err_pipe[1]);
  CommandResult result;
  const auto deadline = Clock::now() + std::chrono::seconds(60);
  drain(out_pipe[0], err_pipe[0], result.out, result.err, deadline);
  ::close(out_pipe[0]);
  ::close(err_pipe[0]);
  int status = 0;
  if (!wait_until(pid, deadline, status)) {
    ::kill(pid, SIGKILL);
    ::waitpid(pid, &status, 0);
    return result;
  }
  result.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return result;
}

}  // namespace fake_test
