#pragma once
// What a create.json body asks for, validated the way Marketo validates it.
#include <cstdint>
#include <set>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "fake_marketo/sim/activity_database.hpp"
#include "fake_marketo/sim/custom_object_database.hpp"
#include "fake_marketo/sim/member_database.hpp"
#include "fake_marketo/sim/lead_database.hpp"

namespace fake {

struct MarketoError {
  std::string code;  // "1003", "609", ...
  std::string message;
};

enum class ExportFormat { csv, tsv, ssv };

// Which bulk export a request came in on (its path): they share the job board, queue and quota.
enum class Entity { leads, activities, program_members, custom_objects };
std::string_view entity_name(Entity entity);  // "leads", "activities", ...

struct FormatInfo {
  const char* name;  // as the API spells it: CSV, TSV, SSV
  char delimiter;
  const char* extension;
  const char* content_type;
};
const FormatInfo& format_info(ExportFormat format);

// Filter semantics: createdAt / updatedAt select the leads whose time t satisfies
// startAt <= t <= endAt, both ends inclusive at second resolution (Marketo's own guidance chains
// windows of "31 days minus one second", which only tiles time if both ends are inclusive).
// List filters select the list's members. Rows always come ordered by id. Activities: createdAt
// on activityDate, narrowed by activityTypeIds / primaryAttributeValueIds when given; rows ordered
// by marketoGUID.
struct ExportSpec {
  Entity entity = Entity::leads;
  std::string api_name;  // custom_objects: the object type (its path segment)
  std::vector<Field> fields;                   // leads
  std::vector<int> columns;    // other entities: indexes into the entity's columns (ActivityField, ...)
  std::vector<std::string> headers;  // one per field: columnHeaderNames or the field's name
  ExportFormat format = ExportFormat::csv;
  std::string filter_type;           // createdAt, updatedAt, staticListId, ..., smartListName
  std::int64_t start_at = 0;         // date filters: Unix seconds, inclusive
  std::int64_t end_at = 0;           // date filters: Unix seconds, inclusive
  std::int64_t list_id = 0;          // list filters, names resolved to ids
  std::vector<std::int64_t> activity_type_ids;            // activities: empty means all
  std::vector<std::int64_t> primary_attribute_value_ids;  // activities: empty means all
  std::vector<std::int64_t> program_ids;  // program members: required, updatedAt optional beside
};

// disabled_filters answer 1035 (pass none for the ground truth, which ignores subscriptions).
std::variant<ExportSpec, MarketoError> parse_export_request(
    std::string_view body, const std::set<std::string>& disabled_filters, Entity entity = Entity::leads,
    const std::string& api_name = "");

}  // namespace fake
