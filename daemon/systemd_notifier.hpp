#pragma once
// What the daemon tells systemd through sd_notify(3) (Type=notify / notify-reload): READY=1 once
// it works, STATUS= a one-line summary, WATCHDOG=1 keep-alives, RELOADING=1 and STOPPING=1.
// Without NOTIFY_SOCKET (not started by systemd) every call is a no-op.
#include <chrono>
#include <optional>
#include <string>
#include <string_view>

namespace msync::daemon {

class SystemdNotifier {
 public:
  SystemdNotifier();

  // Whether anyone listens (NOTIFY_SOCKET is set): callers may skip work only done for systemd.
  bool enabled() const { return enabled_; }

  // The service's WatchdogSec when systemd expects keep-alives from this process (WATCHDOG_USEC,
  // and WATCHDOG_PID if set names us); send watchdog() at half of it.
  std::optional<std::chrono::microseconds> watchdog_interval() const { return watchdog_; }

  void ready(std::string_view status);
  // Sent only when it differs from the last status sent.
  void status(std::string_view status);
  void watchdog();
  // RELOADING=1 with MONOTONIC_USEC=now, in one message as notify-reload requires; ready() ends it.
  void reloading();
  void stopping(std::string_view status);

 private:
  void send(const std::string& message);
  static std::string status_field(std::string_view status);

  bool enabled_ = false;
  std::optional<std::chrono::microseconds> watchdog_;
  std::string last_status_;
  bool warned_ = false;
};

}  // namespace msync::daemon
