#include "service.hpp"

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/post.hpp>

#include "export_syncs.hpp"
#include "import_syncs.hpp"
#include "marketo_connection.hpp"

namespace msync::daemon {
namespace {

namespace asio = boost::asio;

void log_crash(const char* engine, const std::exception_ptr& error) {
  try {
    std::rethrow_exception(error);
  } catch (const std::exception& e) {
    core::logger("daemon")->critical("the {} engine stopped unexpectedly: {}", engine, e.what());
  } catch (...) {
    core::logger("daemon")->critical("the {} engine stopped unexpectedly", engine);
  }
}

}  // namespace

core::Result<std::unique_ptr<Service>> Service::create(asio::io_context& io, const config::Config& config,
                                                       state::Store& store, const core::Clock& clock,
                                                       marketo::CallObserver observer) {
  auto api = connect_marketo(io.get_executor(), config, store, clock, std::move(observer));
  if (!api) return api.error();
  auto exports = std::make_unique<exports::ExportEngine>(io.get_executor(), store, **api, export_syncs(config),
                                                         engine_settings(config), clock);
  std::unique_ptr<imports::ImportEngine> imports;
  if (!config.imports.empty()) {
    imports = std::make_unique<imports::ImportEngine>(io.get_executor(), store, **api, import_syncs(config),
                                                      import_settings(config), clock);
  }
  return std::unique_ptr<Service>(new Service(io, std::move(*api), std::move(exports), std::move(imports)));
}

Service::Service(asio::io_context& io, std::unique_ptr<marketo::Marketo> api,
                 std::unique_ptr<exports::ExportEngine> exports, std::unique_ptr<imports::ImportEngine> imports)
    : io_(io), api_(std::move(api)), exports_(std::move(exports)), imports_(std::move(imports)) {}

// The engines reference the api: they go first.
Service::~Service() {
  imports_.reset();
  exports_.reset();
}

void Service::start(bool once, Done done) {
  done_ = std::move(done);
  ++running_;
  asio::co_spawn(io_, exports_->run(once), [this](std::exception_ptr error, exports::RunSummary summary) {
    if (error) {
      log_crash("export", error);
      result_.crashed = true;
    } else {
      result_.exports = std::move(summary);
    }
    engine_ended();
  });
  if (!imports_) return;
  ++running_;
  asio::co_spawn(io_, imports_->run(once), [this](std::exception_ptr error, imports::ImportSummary summary) {
    if (error) {
      log_crash("import", error);
      result_.crashed = true;
    } else {
      result_.imports = std::move(summary);
    }
    engine_ended();
  });
}

void Service::stop() {
  exports_->stop();
  if (imports_) imports_->stop();
}

void Service::engine_ended() {
  if (--running_ > 0) return;
  asio::post(io_, [done = std::move(done_), result = std::move(result_)]() mutable { done(std::move(result)); });
}

}  // namespace msync::daemon
