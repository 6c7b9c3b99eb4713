#pragma once
// The work of one loaded configuration: its Marketo connection and its engines (exports today;
// imports join them here). The daemon reloads by stopping one Service and starting another with
// the new configuration: every job is resumable from the state, so nothing is lost in between.
#include <functional>
#include <memory>

#include <boost/asio/io_context.hpp>

#include "config/config.hpp"
#include "exports/exports.hpp"
#include "imports/imports.hpp"
#include "marketo/marketo.hpp"
#include "state/state.hpp"

namespace msync::daemon {

struct ServiceResult {
  bool crashed = false;  // an engine ended with an exception: a bug, already logged
  exports::RunSummary exports;
  imports::ImportSummary imports;
};

class Service {
 public:
  using Done = std::function<void(ServiceResult)>;

  // Builds the Marketo client (no call is made yet) and the engines; fails on settings the client
  // refuses. Every call is counted in the state's ledger and then passed to `observer`. The
  // config is copied; store, clock and io must outlive the service.
  static core::Result<std::unique_ptr<Service>> create(boost::asio::io_context& io, const config::Config& config,
                                                       state::Store& store, const core::Clock& clock,
                                                       marketo::CallObserver observer);
  ~Service();
  Service(const Service&) = delete;
  Service& operator=(const Service&) = delete;

  // Runs the engines until stop(), or with once until each has done what was due. `done` runs
  // once, posted to the io_context after every engine has ended; the service may be destroyed
  // from it.
  void start(bool once, Done done);
  // No new work; in-flight steps end or checkpoint, every job stays resumable. Idempotent.
  void stop();

  // Why the latest write into staging_dir failed (path and system reason), while a job still cannot write.
  std::optional<std::string> staging_problem() const { return exports_->staging_problem(); }

 private:
  Service(boost::asio::io_context& io, std::unique_ptr<marketo::Marketo> api,
          std::unique_ptr<exports::ExportEngine> exports, std::unique_ptr<imports::ImportEngine> imports);
  void engine_ended();

  boost::asio::io_context& io_;
  std::unique_ptr<marketo::Marketo> api_;
  std::unique_ptr<exports::ExportEngine> exports_;
  std::unique_ptr<imports::ImportEngine> imports_;  // null when no import is configured
  unsigned running_ = 0;
  ServiceResult result_;
  Done done_;
};

}  // namespace msync::daemon
