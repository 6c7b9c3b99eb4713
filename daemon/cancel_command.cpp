// marketo-syncd cancel --config FILE --export-id ID: cancels an export job at Marketo (ours, or one
// another tool left holding a slot) and records it in the state, so the daemon gives the window a
// new job. The job's entity (the path its calls use) is its sync's when the state knows the job,
// else --entity (leads unless said, with --api-name for a custom object). Exit 0; 64 for a malformed id; 69 when the state cannot be opened; 75 when Marketo
// cannot be reached now; 78 for a bad configuration or credentials; 65 when Marketo refuses.
#include <sysexits.h>

#include <iostream>
#include <optional>
#include <string>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/io_context.hpp>

#include "command.hpp"
#include "command_support.hpp"
#include "config/config.hpp"
#include "export_syncs.hpp"
#include "marketo_connection.hpp"

namespace msync::daemon {
namespace {

namespace asio = boost::asio;

int exit_code_for(const marketo::Failure& failure) {
  switch (failure.action) {
    case marketo::Action::fail_config: return EX_CONFIG;
    case marketo::Action::fail_job: return EX_DATAERR;
    default: return EX_TEMPFAIL;
  }
}

class CancelCommand final : public Command {
 public:
  CLI::App* add_to(CLI::App& app) override {
    auto* sub = app.add_subcommand("cancel", "Cancel a Marketo export job and record it");
    sub->add_option("--config", path_, "The configuration file (YAML)")->required();
    sub->add_option("--export-id", export_id_, "The exportId to cancel")->required();
    sub->add_option("--entity", entity_name_,
                    "For a job the daemon does not know: leads, activities, program_members or custom_objects")
        ->default_val("leads");
    sub->add_option("--api-name", api_name_, "With --entity custom_objects: the object's API name");
    return sub;
  }

  int run() override {
    const core::SystemClock clock;
    if (!marketo::valid_export_id(export_id_)) {
      std::cerr << "--export-id: not an exportId Marketo issues (letters, digits and '-' only)\n";
      return EX_USAGE;
    }
    const auto loaded = load_or_report(path_, clock.now());
    if (!loaded) return EX_CONFIG;
    auto store = open_state_or_report(*loaded, clock);
    if (!store) return EX_UNAVAILABLE;
    asio::io_context io;
    auto api = connect_marketo(io.get_executor(), *loaded, *store, clock);
    if (!api) {
      std::cerr << api.error().message << '\n';
      return EX_CONFIG;
    }
    auto entity = entity_of_job(*loaded, *store);
    if (!entity) {
      std::cerr << entity.error().message << '\n';
      return EX_USAGE;
    }
    std::optional<marketo::Failure> failure;
    std::string status;
    asio::co_spawn(io, [&]() -> asio::awaitable<void> {
      auto answer = co_await (*api)->cancel_export(*entity, export_id_);
      if (answer) status = std::string(marketo::to_string(answer->status));
      else failure = answer.failure();
    }, asio::detached);
    io.run();
    if (failure) {
      std::cerr << "cancel " << export_id_ << ": " << failure->message << '\n';
      return exit_code_for(*failure);
    }
    auto job = store->find_job_by_export_id(export_id_);
    if (job && *job && state::is_live((*job)->state)) {
      if (auto recorded = store->set_state((*job)->id, state::JobState::cancelled, {}); !recorded) {
        std::cerr << "cancelled at Marketo, but the state was not updated: " << recorded.error().message << '\n';
        return EX_UNAVAILABLE;
      }
      std::cout << export_id_ << ": " << status << "; the daemon will export its window with a new job\n";
    } else {
      std::cout << export_id_ << ": " << status << " (not a live job of this daemon)\n";
    }
    return EX_OK;
  }

 private:
  // The sync's entity for a job of ours; --entity / --api-name for any other.
  core::Result<marketo::ExportEntity> entity_of_job(const config::Config& config, state::Store& store) const {
    auto job = store.find_job_by_export_id(export_id_);
    if (job && *job) {
      auto window = store.get_window((*job)->window);
      const auto* sync = window ? find_export(config, window->sync) : nullptr;
      if (sync) return export_entity(*sync);
    }
    const auto type = marketo::parse_entity_type(entity_name_);
    if (!type) return core::Error{"--entity: unknown entity '" + entity_name_ + "'"};
    marketo::ExportEntity entity{*type, api_name_};
    if ((*type == marketo::EntityType::custom_objects) != !api_name_.empty() ||
        (!api_name_.empty() && !marketo::valid_api_name(api_name_)))
      return core::Error{"--api-name: a custom object's API name ([A-Za-z0-9_]), with --entity custom_objects only"};
    return entity;
  }

  static const config::ExportSync* find_export(const config::Config& config, const std::string& name) {
    for (const auto& sync : config.exports)
      if (sync.name == name) return &sync;
    return nullptr;
  }

  std::string path_, export_id_, entity_name_ = "leads", api_name_;
};

}  // namespace

std::unique_ptr<Command> make_cancel_command() { return std::make_unique<CancelCommand>(); }

}  // namespace msync::daemon
