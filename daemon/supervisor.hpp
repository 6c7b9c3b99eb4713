#pragma once
// `marketo-syncd run` once the configuration is loaded and the state is open: runs the Service on
// one event loop beside the health endpoint, talks to systemd, and handles signals.
//   SIGTERM / SIGINT  STOPPING=1; the engines stop planning, in-flight calls end or checkpoint,
//                     every job stays resumable; the process exits when they have, or after 9 s
//                     whatever they are doing (systemd's stop timeout is longer; ours is 10 s).
//   SIGHUP            RELOADING=1; the configuration is read again. Valid: the Service is
//                     stopped and started again with it (state_db and health need a restart and
//                     keep their values). Invalid: each error is logged as FILE:LINE:COL and the
//                     running configuration stays. READY=1 either way.
#include <memory>
#include <optional>
#include <string>

#include <boost/asio/io_context.hpp>
#include <boost/asio/signal_set.hpp>
#include <boost/asio/steady_timer.hpp>

#include "call_metrics.hpp"
#include "config/config.hpp"
#include "health/health.hpp"
#include "marketo_reachability.hpp"
#include "service.hpp"
#include "state/state.hpp"
#include "systemd_notifier.hpp"
#include "ticker.hpp"

namespace msync::daemon {

class Supervisor {
 public:
  // The store and clock must outlive the supervisor.
  Supervisor(std::string config_path, config::Config config, state::Store& store, const core::Clock& clock);
  ~Supervisor();

  // Runs until a signal stops it, or with once until everything due now is done; the exit code.
  int run(bool once);
  // The engines had not ended kStopDeadline after SIGTERM and were left as they were (their jobs
  // are resumable from the state): the caller must exit without destroying anything.
  bool abandoned() const { return abandoned_; }

 private:
  bool start_health();
  bool start_service();
  void service_ended(ServiceResult result);
  void wait_for_signal();
  void on_signal(int signal);
  void reload();
  void shutdown(const std::string& why);
  void observe_call(const CallOutcome& call);
  health::Readiness readiness();
  std::string status_summary();

  boost::asio::io_context io_;
  std::string path_;
  config::Config config_;                 // what the running service was built from
  std::optional<config::Config> pending_;  // a reload waiting for the service to stop
  state::Store& store_;
  const core::Clock& clock_;
  bool once_ = false;
  bool stopping_ = false;
  bool abandoned_ = false;
  std::optional<ServiceResult> result_;  // of the last service that ended
  int exit_code_ = 0;

  health::MetricsRegistry metrics_;
  CallMetrics call_metrics_{metrics_};
  MarketoReachability marketo_;
  SystemdNotifier notifier_;
  std::unique_ptr<health::HealthServer> health_;
  boost::asio::signal_set signals_;
  boost::asio::steady_timer stop_deadline_;
  Ticker status_ticker_;
  std::unique_ptr<Ticker> watchdog_;
  std::unique_ptr<Service> service_;
};

}  // namespace msync::daemon
