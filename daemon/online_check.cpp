#include "online_check.hpp"

#include <map>
#include <set>
#include <utility>

#include <fmt/format.h>

#include "export_syncs.hpp"
#include "imports/imports.hpp"

namespace msync::daemon {
namespace {

namespace asio = boost::asio;
using Fields = std::vector<marketo::FieldInfo>;

// Where a sync's fields were checked, for the summary line.
std::string source_of(const marketo::ExportEntity& entity) {
  if (entity.type == marketo::EntityType::activities) return "Marketo's fixed activity columns";
  return fmt::format("Marketo's {} describe", marketo::label(entity));
}

asio::awaitable<marketo::Outcome<Fields>> describe(marketo::ImportApi& api, const marketo::ExportEntity& entity) {
  switch (entity.type) {
    case marketo::EntityType::leads: co_return co_await api.describe_lead_fields();
    case marketo::EntityType::program_members: co_return co_await api.describe_program_member_fields();
    case marketo::EntityType::custom_objects:
      co_return co_await api.describe_custom_object_fields(entity.api_name);
    case marketo::EntityType::activities: break;
  }
  Fields fixed;
  for (const std::string& column : config::activity_columns()) fixed.push_back(marketo::FieldInfo{column, "", false});
  co_return fixed;
}

// The fields of `wanted` that `known` lacks, spelt exactly (create.json takes nothing else), each
// with the import catalog's suggestion when one is near: "'FirstName' (did you mean 'firstName'?)".
std::vector<std::string> unknown_fields(const std::vector<std::string>& wanted, const Fields& known) {
  std::set<std::string, std::less<>> exact;
  std::vector<std::string> names;
  for (const marketo::FieldInfo& field : known) {
    exact.insert(field.name);
    names.push_back(field.name);
  }
  const imports::FieldCatalog catalog(std::move(names));
  std::vector<std::string> unknown;
  for (const std::string& name : wanted) {
    if (exact.contains(name)) continue;
    if (auto near = catalog.closest(name)) unknown.push_back(fmt::format("'{}' (did you mean '{}'?)", name, *near));
    else unknown.push_back(fmt::format("'{}'", name));
  }
  return unknown;
}

}  // namespace

asio::awaitable<OnlineCheck> check_online(marketo::ImportApi& api, const config::Config& config) {
  OnlineCheck check;
  std::map<std::string, Fields> described;  // by entity label: each describe is asked once
  for (const config::ExportSync& sync : config.exports) {
    const marketo::ExportEntity entity = export_entity(sync);
    const std::string what = marketo::label(entity);
    auto known = described.find(what);
    if (known == described.end()) {
      auto answer = co_await describe(api, entity);
      if (!answer.ok()) {
        // fail_job is Marketo refusing this one request (an unknown custom object, say): a
        // configuration problem of this sync. Anything else says nothing about the file.
        if (answer.failure().action != marketo::Action::fail_job) {
          check.failure = answer.failure();
          co_return check;
        }
        check.problems.push_back(
            fmt::format("export {}: {} cannot be described: {}", sync.name, what, answer.failure().message));
        continue;
      }
      known = described.emplace(what, std::move(answer.value())).first;
    }
    const auto unknown = unknown_fields(sync.fields, known->second);
    for (const std::string& field : unknown)
      check.problems.push_back(fmt::format("export {}: unknown {} field {}", sync.name, what, field));
    check.checked.push_back(fmt::format("export {}: {} of {} field(s) known to {}", sync.name,
                                        sync.fields.size() - unknown.size(), sync.fields.size(),
                                        source_of(entity)));
  }
  co_return check;
}

}  // namespace msync::daemon
