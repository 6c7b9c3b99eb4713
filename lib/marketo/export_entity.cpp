#include "marketo/export_entity.hpp"

#include <algorithm>
#include <array>

#include <fmt/format.h>

#include "marketo/answer_parser.hpp"
#include "marketo/export_spec.hpp"

namespace msync::marketo {
namespace {

// Marketo's ExportLeadFilter, ExportActivityFilter, ExportProgramMemberFilter and
// ExportCustomObjectFilter (marketo-openapi/swagger-mapi-bulk.json).
constexpr std::array kLeadFilters{FilterType::created_at,       FilterType::updated_at,
                                  FilterType::static_list_id,   FilterType::static_list_name,
                                  FilterType::smart_list_id,    FilterType::smart_list_name};
constexpr std::array kActivityFilters{FilterType::created_at};
constexpr std::array kProgramMemberFilters{FilterType::program_ids, FilterType::updated_at};
constexpr std::array kCustomObjectFilters{FilterType::updated_at,     FilterType::static_list_id,
                                          FilterType::static_list_name, FilterType::smart_list_id,
                                          FilterType::smart_list_name};

const std::array kDescriptors{
    EntityDescriptor{EntityType::leads, "leads", "leads", kLeadFilters, true, false, false},
    EntityDescriptor{EntityType::activities, "activities", "activities", kActivityFilters, false, false,
                     false},
    EntityDescriptor{EntityType::program_members, "program_members", "program/members",
                     kProgramMemberFilters, true, true, false},
    EntityDescriptor{EntityType::custom_objects, "custom_objects", "customobjects",
                     kCustomObjectFilters, true, false, true},
};

}  // namespace

const EntityDescriptor& descriptor(EntityType type) {
  for (const auto& d : kDescriptors)
    if (d.type == type) return d;
  return kDescriptors.front();
}

std::string_view to_string(EntityType type) { return descriptor(type).name; }

std::optional<EntityType> parse_entity_type(std::string_view name) {
  for (const auto& d : kDescriptors)
    if (d.name == name) return d.type;
  return std::nullopt;
}

bool allows(EntityType type, FilterType filter) {
  const auto filters = descriptor(type).filters;
  return std::find(filters.begin(), filters.end(), filter) != filters.end();
}

bool valid_api_name(std::string_view name) {
  if (name.empty() || name.size() > 64) return false;
  return std::all_of(name.begin(), name.end(), [](char c) {
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_';
  });
}

std::string entity_problem(const ExportEntity& entity) {
  const bool custom = entity.type == EntityType::custom_objects;
  if (custom && !valid_api_name(entity.api_name))
    return fmt::format("custom object API name \"{}\" is not 1..64 of [A-Za-z0-9_]", printable(entity.api_name, 80));
  if (!custom && !entity.api_name.empty())
    return fmt::format("an API name is for custom objects, not {}", descriptor(entity.type).name);
  return "";
}

std::string export_path(const ExportEntity& entity) {
  std::string path = "/bulk/v1/";
  path += descriptor(entity.type).path_segment;
  if (entity.type == EntityType::custom_objects) path += "/" + entity.api_name;
  return path + "/export";
}

std::string label(const ExportEntity& entity) {
  std::string text(to_string(entity.type));
  if (entity.type == EntityType::custom_objects) text += " " + entity.api_name;
  return text;
}

}  // namespace msync::marketo
