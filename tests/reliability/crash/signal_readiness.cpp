#include "signal_readiness.hpp"

#include <signal.h>

#include <cstdint>
#include <fstream>
#include <optional>
#include <string>
#include <thread>

namespace msync::crash_soak {
namespace {

// The SigBlk and SigCgt masks of /proc/PID/status, or-ed; nullopt when the process is gone.
std::optional<std::uint64_t> blocked_or_caught(pid_t pid) {
  std::ifstream status("/proc/" + std::to_string(pid) + "/status");
  if (!status) return std::nullopt;
  std::uint64_t mask = 0;
  bool zombie = false;
  for (std::string line; std::getline(status, line);) {
    if (line.starts_with("State:") && line.find('Z') != std::string::npos) zombie = true;
    if (line.starts_with("SigBlk:") || line.starts_with("SigCgt:")) mask |= std::stoull(line.substr(7), nullptr, 16);
  }
  if (zombie) return std::nullopt;
  return mask;
}

}  // namespace

bool wait_until_sigterm_is_handled(pid_t pid, std::chrono::milliseconds deadline) {
  const auto until = std::chrono::steady_clock::now() + deadline;
  const std::uint64_t sigterm = std::uint64_t{1} << (SIGTERM - 1);
  while (std::chrono::steady_clock::now() < until) {
    const auto mask = blocked_or_caught(pid);
    if (!mask) return false;
    if (*mask & sigterm) return true;
    std::this_thread::sleep_for(std::chrono::milliseconds(2));
  }
  return false;
}

}  // namespace msync::crash_soak
