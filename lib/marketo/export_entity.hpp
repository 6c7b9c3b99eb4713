#pragma once
// What is exported: Marketo's bulk extracts of leads, activities, program members and custom
// objects share one job life, one queue and one quota, and differ only in the path their calls
// live under and in the filters create.json takes. The descriptor says both, so that one engine
// and one job runner serve every type.
#include <optional>
#include <span>
#include <string>
#include <string_view>

namespace msync::marketo {

enum class FilterType;

enum class EntityType { leads, activities, program_members, custom_objects };

struct ExportEntity {
  EntityType type = EntityType::leads;
  std::string api_name;  // custom_objects only: the object's API name (e.g. "car_c")

  bool operator==(const ExportEntity&) const = default;
};

struct EntityDescriptor {
  EntityType type;
  std::string_view name;           // "leads", "activities", "program_members", "custom_objects"
  std::string_view path_segment;   // under /bulk/v1/: "leads", "program/members", "customobjects/{apiName}"
  std::span<const FilterType> filters;  // the filter types create.json accepts
  bool fields_required;            // activities may leave fields out (Marketo's default columns)
  bool needs_program_ids;          // program_members: every request names its programIds
  bool needs_api_name;             // custom_objects
};

const EntityDescriptor& descriptor(EntityType type);
std::string_view to_string(EntityType type);  // the descriptor's name
std::optional<EntityType> parse_entity_type(std::string_view name);
bool allows(EntityType type, FilterType filter);

// A custom object's API name as Marketo issues them: 1..64 of [A-Za-z0-9_]. Anything else must
// never reach a URL path.
bool valid_api_name(std::string_view name);

// What is wrong with the entity itself ("" when nothing): a custom object's API name that is not
// valid, or an API name given for another entity. Checked before a path or a body is built.
std::string entity_problem(const ExportEntity& entity);

// "/bulk/v1/leads/export", "/bulk/v1/customobjects/car_c/export", ...: the prefix of create.json,
// {id}/status.json and the others, and of export.json (the job list) with ".json" appended.
std::string export_path(const ExportEntity& entity);

// "leads", "custom_objects car_c": for logs and messages.
std::string label(const ExportEntity& entity);

}  // namespace msync::marketo
