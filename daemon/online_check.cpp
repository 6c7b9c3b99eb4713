#include "online_check.hpp"

#include <cctype>
#include <map>
#include <utility>

#include <fmt/format.h>

#include "export_syncs.hpp"

namespace msync::daemon {
namespace {

namespace asio = boost::asio;
using Fields = std::vector<marketo::FieldInfo>;

bool same_ignoring_case(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i)
    if (std::tolower(static_cast<unsigned char>(a[i])) != std::tolower(static_cast<unsigned char>(b[i])))
      return false;
  return true;
}

// Where a sync's fields were checked, for the summary line.
std::string source_of(const marketo::ExportEntity& entity) {
  switch (entity.type) {
    case marketo::EntityType::leads: return "GET /rest/v1/leads/describe.json";
    case marketo::EntityType::program_members: return "GET /rest/v1/program/members/describe.json";
    case marketo::EntityType::custom_objects:
      return fmt::format("GET /rest/v1/customobjects/{}/describe.json", entity.api_name);
    case marketo::EntityType::activities: break;
  }
  return "Marketo's fixed activity columns";
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

}  // namespace

std::vector<std::string> unknown_fields(const std::vector<std::string>& wanted, const Fields& known) {
  std::vector<std::string> unknown;
  for (const std::string& name : wanted) {
    const marketo::FieldInfo* near = nullptr;
    bool found = false;
    for (const marketo::FieldInfo& field : known) {
      if (field.name == name) found = true;
      else if (same_ignoring_case(field.name, name)) near = &field;
    }
    if (found) continue;
    if (near) unknown.push_back(fmt::format("'{}' (Marketo spells it '{}')", name, near->name));
    else unknown.push_back(fmt::format("'{}'", name));
  }
  return unknown;
}

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
