#include "systemd_notifier.hpp"

#include <systemd/sd-daemon.h>

#include <cstdlib>
#include <cstring>
#include <ctime>

#include <fmt/format.h>

#include "core/core.hpp"

namespace msync::daemon {

SystemdNotifier::SystemdNotifier() : enabled_(std::getenv("NOTIFY_SOCKET") != nullptr) {
  std::uint64_t usec = 0;
  if (::sd_watchdog_enabled(0, &usec) > 0 && usec > 0) watchdog_ = std::chrono::microseconds(usec);
}

void SystemdNotifier::ready(std::string_view status) {
  last_status_ = std::string(status);
  send("READY=1\n" + status_field(status));
}

void SystemdNotifier::status(std::string_view status) {
  if (status == last_status_) return;
  last_status_ = std::string(status);
  send(status_field(status));
}

void SystemdNotifier::watchdog() { send("WATCHDOG=1"); }

void SystemdNotifier::reloading() {
  timespec now{};
  ::clock_gettime(CLOCK_MONOTONIC, &now);
  const auto usec = static_cast<std::uint64_t>(now.tv_sec) * 1'000'000u + static_cast<std::uint64_t>(now.tv_nsec) / 1000u;
  last_status_ = "reloading the configuration";
  send(fmt::format("RELOADING=1\nMONOTONIC_USEC={}\n{}", usec, status_field(last_status_)));
}

void SystemdNotifier::stopping(std::string_view status) {
  last_status_ = std::string(status);
  send("STOPPING=1\n" + status_field(status));
}

// One line: a newline would start another assignment.
std::string SystemdNotifier::status_field(std::string_view status) {
  std::string line = "STATUS=";
  for (char c : status) line += (c == '\n' || c == '\r') ? ' ' : c;
  return line;
}

void SystemdNotifier::send(const std::string& message) {
  const int sent = ::sd_notify(0, message.c_str());
  if (sent < 0 && !warned_) {
    warned_ = true;  // once: a broken socket would otherwise fill the log at every keep-alive
    core::logger("daemon")->warn("sd_notify failed: {}", std::strerror(-sent));
  }
}

}  // namespace msync::daemon
