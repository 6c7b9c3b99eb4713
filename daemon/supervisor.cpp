#include "supervisor.hpp"

#include <sysexits.h>

#include <csignal>
#include <filesystem>

#include "staging/staging.hpp"
#include "status_json.hpp"
#include "status_line.hpp"
#include "store_metrics.hpp"

namespace msync::daemon {
namespace {

namespace asio = boost::asio;

constexpr auto kStatusPeriod = std::chrono::seconds(2);
// SIGTERM must end the process within 10 s; the engines give their steps 8 s of it.
constexpr auto kStopDeadline = std::chrono::seconds(9);

std::string listen_url(const std::string& host, std::uint16_t port) {
  const bool ipv6 = host.find(':') != std::string::npos;
  return "http://" + (ipv6 ? "[" + host + "]" : host) + ":" + std::to_string(port);
}

// state_db and the health endpoint belong to the process: a reload cannot move them.
void keep_restart_only_settings(const config::Config& running, config::Config& next) {
  auto log = core::logger("daemon");
  if (next.state_db != running.state_db) {
    log->warn("reload: state_db changed to {}: this needs a restart; still using {}", next.state_db.string(),
              running.state_db.string());
    next.state_db = running.state_db;
  }
  const auto& h = running.health;
  if (next.health.host != h.host || next.health.port != h.port || next.health.allow_remote != h.allow_remote) {
    log->warn("reload: health changed to {}: this needs a restart; still listening as configured at start ({})",
              listen_url(next.health.host, next.health.port), listen_url(h.host, h.port));
    next.health = h;
  }
}

int exit_code(const std::optional<ServiceResult>& result) {
  auto log = core::logger("daemon");
  if (!result || result->crashed) return EX_SOFTWARE;
  const auto& summary = result->exports;
  const auto& imported = result->imports;
  if (summary.fatal || imported.fatal) {
    log->critical("stopped: {}", summary.fatal ? *summary.fatal : *imported.fatal);
    return EX_CONFIG;
  }
  for (const auto& error : summary.sync_errors) log->error("sync {}", error);
  for (const auto& problem : imported.problems) log->error("import {}", problem);
  if (summary.staging_error) {
    log->critical("stopped: the staging directory cannot be written: {}", *summary.staging_error);
    return EX_UNAVAILABLE;
  }
  if (!summary.sync_errors.empty() || !imported.problems.empty()) return EX_DATAERR;
  if (summary.paused_until) {
    log->warn("the daily export quota is spent; work resumes after {}", core::format_iso8601(*summary.paused_until));
    return EX_TEMPFAIL;
  }
  log->info("stopped cleanly");
  return EX_OK;
}

}  // namespace

Supervisor::Supervisor(std::string config_path, config::Config config, state::Store& store, const core::Clock& clock)
    : path_(std::move(config_path)),
      config_(std::move(config)),
      store_(store),
      clock_(clock),
      signals_(io_, SIGTERM, SIGINT, SIGHUP),
      stop_deadline_(io_),
      status_ticker_(io_.get_executor(), kStatusPeriod, [this] { notifier_.status(status_summary()); }) {
  if (const auto interval = notifier_.watchdog_interval()) {
    watchdog_ = std::make_unique<Ticker>(io_.get_executor(), *interval / 2, [this] { notifier_.watchdog(); });
  }
}

// The service's engines and the server hold references into members: they go first.
Supervisor::~Supervisor() {
  service_.reset();
  health_.reset();
}

int Supervisor::run(bool once) {
  once_ = once;
  auto log = core::logger("daemon");
  install_store_metrics(metrics_, store_, clock_);
  if (!start_health()) return EX_UNAVAILABLE;
  wait_for_signal();
  if (!start_service()) {
    health_->stop();
    return EX_CONFIG;
  }
  log->info("marketo-syncd {} running: {} export sync(s), state {}, staging {}", MSYNC_VERSION,
            config_.exports.size(), config_.state_db.string(), config_.staging_dir.string());
  notifier_.ready(status_summary());
  if (notifier_.enabled()) status_ticker_.start();
  if (watchdog_) watchdog_->start();
  io_.run();
  return exit_code_;
}

bool Supervisor::start_health() {
  health::ServerOptions options;
  options.host = config_.health.host;
  options.port = config_.health.port;
  options.allow_non_loopback = config_.health.allow_remote;
  health::Endpoints endpoints;
  endpoints.readiness = [this] { return readiness(); };
  endpoints.status_json = [this]() -> core::Result<std::string> {
    const auto now = clock_.now();
    auto snapshot = store_.status(now);
    if (!snapshot) return snapshot.error();
    return status_json(*snapshot, now, service_ ? service_->staging_problem() : std::nullopt);
  };
  health_ = std::make_unique<health::HealthServer>(io_, options, metrics_, std::move(endpoints));
  if (auto started = health_->start(); !started) {
    core::logger("daemon")->critical("{}", started.error().message);
    return false;
  }
  core::logger("daemon")->info("health endpoint listening on {} (/livez /readyz /status /metrics)",
                               listen_url(options.host, health_->port()));
  return true;
}

bool Supervisor::start_service() {
  auto service = Service::create(io_, config_, store_, clock_,
                                 [this](std::string_view endpoint, unsigned status, std::string_view code) {
                                   observe_call(CallOutcome{endpoint, status, code});
                                 });
  if (!service) {
    core::logger("daemon")->critical("{}", service.error().message);
    return false;
  }
  service_ = std::move(*service);
  metrics_.gauge("export_quota_bytes_limit", "The daily export quota the daemon keeps to (marketo.limits.daily_export_bytes).")
      .set(static_cast<double>(config_.marketo.limits.daily_export_bytes));
  service_->start(once_, [this](ServiceResult result) { service_ended(std::move(result)); });
  return true;
}

void Supervisor::service_ended(ServiceResult result) {
  result_ = std::move(result);
  service_.reset();
  if (stopping_ || !pending_) {
    shutdown(stopping_ ? "stopped" : "done");
    return;
  }
  auto log = core::logger("daemon");
  config::Config previous = std::move(config_);
  config_ = std::move(*pending_);
  pending_.reset();
  marketo_.reset();
  if (!start_service()) {
    log->error("reload: the new configuration cannot start; going back to the previous one");
    config_ = std::move(previous);
    if (!start_service()) {
      exit_code_ = EX_CONFIG;
      shutdown("cannot start");
      return;
    }
  } else {
    log->info("reload: running with the configuration read from {}: {} export sync(s)", path_, config_.exports.size());
  }
  notifier_.ready(status_summary());
}

void Supervisor::wait_for_signal() {
  signals_.async_wait([this](const boost::system::error_code& error, int signal) {
    if (error) return;
    on_signal(signal);
    wait_for_signal();
  });
}

void Supervisor::on_signal(int signal) {
  auto log = core::logger("daemon");
  if (signal == SIGHUP) {
    if (stopping_) return;
    reload();
    return;
  }
  if (stopping_) {
    log->info("signal {}: already stopping", signal);
    return;
  }
  log->info("signal {}: stopping; in-flight jobs stay resumable", signal);
  stopping_ = true;
  pending_.reset();
  notifier_.stopping("stopping: letting in-flight calls end; jobs stay resumable");
  if (service_) service_->stop();
  stop_deadline_.expires_after(kStopDeadline);
  stop_deadline_.async_wait([this](const boost::system::error_code& error) {
    if (error) return;
    core::logger("daemon")->error("the engines did not stop within {} s; exiting anyway (every job resumes from the state)",
                                  std::chrono::duration_cast<std::chrono::seconds>(kStopDeadline).count());
    abandoned_ = true;
    io_.stop();
  });
}

void Supervisor::reload() {
  auto log = core::logger("daemon");
  log->info("SIGHUP: reading the configuration again from {}", path_);
  notifier_.reloading();
  const config::ProcessEnvironment env;
  auto loaded = config::load_config(path_, env, clock_.now());
  std::optional<std::string> refused;
  if (!loaded) {
    for (const auto& message : loaded.errors()) log->error("{}", message);
    refused = std::to_string(loaded.errors().size()) + " error(s)";
  } else {
    keep_restart_only_settings(config_, loaded.value());
    if (auto made = staging::make_directory_durably(loaded->staging_dir); !made)
      refused = "cannot create the staging directory: " + made.error().message;
  }
  if (refused) {
    log->error("reload refused ({}): keeping the running configuration", *refused);
    metrics_.counter("config_reloads", "Configuration reloads (SIGHUP) by result.", {{"result", "refused"}}).inc();
    notifier_.ready(status_summary());
    return;
  }
  metrics_.counter("config_reloads", "Configuration reloads (SIGHUP) by result.", {{"result", "ok"}}).inc();
  log->info("reload: the configuration is valid; restarting the engines with it (jobs resume from the state)");
  pending_ = std::move(loaded).value();
  if (service_) service_->stop();
}

void Supervisor::shutdown(const std::string& why) {
  if (exit_code_ == 0) exit_code_ = exit_code(result_);
  if (!stopping_) notifier_.stopping(why);
  stopping_ = true;
  stop_deadline_.cancel();
  status_ticker_.stop();
  if (watchdog_) watchdog_->stop();
  signals_.cancel();
  health_->stop();
}

void Supervisor::observe_call(const CallOutcome& call) {
  call_metrics_.observe(call);
  marketo_.observe(call);
}

health::Readiness Supervisor::readiness() {
  if (auto syncs = store_.list_syncs(); !syncs) return {false, "state database: " + syncs.error().message};
  if (const auto problem = service_ ? service_->staging_problem() : std::nullopt) return {false, "staging: " + *problem};
  return marketo_.readiness();
}

std::string Supervisor::status_summary() {
  auto snapshot = store_.status(clock_.now());
  if (!snapshot) return "cannot read the state: " + snapshot.error().message;
  return status_line(*snapshot);
}

}  // namespace msync::daemon
