#include "fake_marketo/sim/export_spec.hpp"

#include <rapidjson/document.h>

#include <array>
#include <cctype>

#include "core/core.hpp"

namespace fake {
namespace {

using Json = rapidjson::Value;

constexpr std::int64_t kMaxSpanSeconds = 31LL * 86400;
constexpr std::array<const char*, 6> kFilterTypes{"createdAt",    "updatedAt",     "staticListId",
                                                   "staticListName", "smartListId", "smartListName"};

MarketoError invalid(std::string message) { return {"1003", std::move(message)}; }

std::string upper(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = char(std::toupper(static_cast<unsigned char>(c)));
  return out;
}

std::variant<std::int64_t, MarketoError> parse_time(const Json& range, const std::string& filter,
                                                    const char* key) {
  const auto it = range.FindMember(key);
  if (it == range.MemberEnd() || !it->value.IsString())
    return invalid("filter " + filter + " requires " + key + " as an ISO-8601 string");
  const std::string_view text(it->value.GetString(), it->value.GetStringLength());
  const auto t = msync::core::parse_iso8601(text, false);
  if (!t)
    return invalid("filter " + filter + "." + key + " '" + std::string(text) +
                   "' is not ISO-8601 without milliseconds (e.g. 2024-01-01T00:00:00Z)");
  return std::int64_t(t->time_since_epoch().count());
}

std::optional<MarketoError> parse_date_filter(const Json& value, const std::string& filter,
                                              ExportSpec& spec) {
  if (!value.IsObject()) return invalid("filter " + filter + " must be an object with startAt and endAt");
  auto start = parse_time(value, filter, "startAt");
  if (auto* e = std::get_if<MarketoError>(&start)) return *e;
  auto end = parse_time(value, filter, "endAt");
  if (auto* e = std::get_if<MarketoError>(&end)) return *e;
  spec.start_at = std::get<std::int64_t>(start);
  spec.end_at = std::get<std::int64_t>(end);
  if (spec.end_at < spec.start_at) return invalid("filter " + filter + ": endAt is before startAt");
  if (spec.end_at - spec.start_at > kMaxSpanSeconds)
    return invalid("filter " + filter + ": date range exceeds 31 days");
  return std::nullopt;
}

std::optional<MarketoError> parse_list_filter(const Json& value, const std::string& filter,
                                              ExportSpec& spec) {
  const bool smart = filter.starts_with("smart");
  const LeadList* list = nullptr;
  if (filter.ends_with("Id")) {
    if (!value.IsInt64()) return invalid("filter " + filter + " must be an integer");
    list = LeadDatabase::find_list(value.GetInt64());
    if (list && list->smart != smart) list = nullptr;
    if (!list) return invalid(std::string(smart ? "Smart" : "Static") + " list " +
                              std::to_string(value.GetInt64()) + " not found");
  } else {
    if (!value.IsString()) return invalid("filter " + filter + " must be a string");
    list = LeadDatabase::find_list(std::string_view(value.GetString(), value.GetStringLength()), smart);
    if (!list) return invalid(std::string(smart ? "Smart" : "Static") + " list '" +
                              value.GetString() + "' not found");
  }
  spec.list_id = list->id;
  return std::nullopt;
}

std::optional<MarketoError> parse_ids(const Json& filter, const char* key, std::vector<std::int64_t>& out) {
  const auto it = filter.FindMember(key);
  if (it == filter.MemberEnd()) return std::nullopt;
  if (!it->value.IsArray() || it->value.Empty()) return invalid(std::string("filter ") + key + " must be a non-empty array of integers");
  for (const auto& id : it->value.GetArray()) {
    if (!id.IsInt64() || id.GetInt64() <= 0) return invalid(std::string("filter ") + key + " must hold positive integers");
    out.push_back(id.GetInt64());
  }
  return std::nullopt;
}

// ExportActivityFilter: createdAt required, activityTypeIds and primaryAttributeValueIds optional.
std::optional<MarketoError> parse_activity_filter(const Json& filter, const std::set<std::string>& disabled,
                                                  ExportSpec& spec) {
  if (!filter.IsObject()) return invalid("filter must be an object");
  for (const auto& member : filter.GetObject()) {
    const std::string_view name(member.name.GetString(), member.name.GetStringLength());
    if (name != "createdAt" && name != "activityTypeIds" && name != "primaryAttributeValueIds")
      return invalid("Unknown filter type '" + std::string(name) + "' for activities");
  }
  const auto created = filter.FindMember("createdAt");
  if (created == filter.MemberEnd()) return invalid("filter createdAt is required for activities");
  if (disabled.contains("createdAt")) return MarketoError{"1035", "Unsupported filter type for target subscription"};
  spec.filter_type = "createdAt";
  if (auto error = parse_date_filter(created->value, "createdAt", spec)) return error;
  if (auto error = parse_ids(filter, "activityTypeIds", spec.activity_type_ids)) return error;
  return parse_ids(filter, "primaryAttributeValueIds", spec.primary_attribute_value_ids);
}

// ExportProgramMemberFilter: programIds required (each an existing program), updatedAt optional.
std::optional<MarketoError> parse_member_filter(const Json& filter, const std::set<std::string>& disabled,
                                                ExportSpec& spec) {
  if (!filter.IsObject()) return invalid("filter must be an object");
  for (const auto& member : filter.GetObject()) {
    const std::string_view name(member.name.GetString(), member.name.GetStringLength());
    if (name != "programIds" && name != "updatedAt")
      return invalid("Unknown filter type '" + std::string(name) + "' for program members");
  }
  if (!filter.HasMember("programIds")) return invalid("filter programIds is required for program members");
  if (auto error = parse_ids(filter, "programIds", spec.program_ids)) return error;
  for (std::int64_t id : spec.program_ids)
    if (!MemberDatabase::find_program(id)) return invalid("Program " + std::to_string(id) + " not found");
  spec.filter_type = "programIds";
  const auto updated = filter.FindMember("updatedAt");
  if (updated == filter.MemberEnd()) return std::nullopt;
  if (disabled.contains("updatedAt")) return MarketoError{"1035", "Unsupported filter type for target subscription"};
  spec.filter_type = "updatedAt";
  return parse_date_filter(updated->value, "updatedAt", spec);
}

// ExportCustomObjectFilter: updatedAt here (this subscription holds no lists of custom objects).
std::optional<MarketoError> parse_object_filter(const Json& filter, const std::set<std::string>& disabled,
                                                ExportSpec& spec) {
  if (!filter.IsObject() || filter.MemberCount() != 1 || !filter.HasMember("updatedAt"))
    return invalid("filter must hold exactly updatedAt for custom objects");
  if (disabled.contains("updatedAt")) return MarketoError{"1035", "Unsupported filter type for target subscription"};
  spec.filter_type = "updatedAt";
  return parse_date_filter(filter["updatedAt"], "updatedAt", spec);
}

std::optional<MarketoError> parse_filter(const Json& doc, const std::set<std::string>& disabled,
                                         ExportSpec& spec) {
  const auto it = doc.FindMember("filter");
  if (it == doc.MemberEnd()) return invalid("filter is required");
  const Json& filter = it->value;
  if (spec.entity == Entity::activities) return parse_activity_filter(filter, disabled, spec);
  if (spec.entity == Entity::program_members) return parse_member_filter(filter, disabled, spec);
  if (spec.entity == Entity::custom_objects) return parse_object_filter(filter, disabled, spec);
  if (!filter.IsObject() || filter.MemberCount() != 1)
    return invalid("filter must hold exactly one of createdAt, updatedAt, staticListId, "
                   "staticListName, smartListId, smartListName");
  const auto& member = *filter.MemberBegin();
  const std::string type(member.name.GetString(), member.name.GetStringLength());
  bool known = false;
  for (const char* k : kFilterTypes) known = known || type == k;
  if (!known) return invalid("Unknown filter type '" + type + "'");
  if (disabled.contains(type)) return MarketoError{"1035", "Unsupported filter type for target subscription"};
  spec.filter_type = type;
  if (type == "createdAt" || type == "updatedAt") return parse_date_filter(member.value, type, spec);
  return parse_list_filter(member.value, type, spec);
}

// The columns of a non-lead entity.
std::optional<int> find_column(const ExportSpec& spec, std::string_view name) {
  switch (spec.entity) {
    case Entity::activities: {
      const auto field = ActivityDatabase::find_field(name);
      return field ? std::optional<int>(int(*field)) : std::nullopt;
    }
    case Entity::program_members: return MemberDatabase::find_column(name);
    case Entity::custom_objects: return CustomObjectDatabase::find_column(*CustomObjectDatabase::find_type(spec.api_name), name);
    case Entity::leads: break;
  }
  return std::nullopt;
}

std::string column_name(const ExportSpec& spec, int column) {
  switch (spec.entity) {
    case Entity::activities: return std::string(ActivityDatabase::field_name(ActivityField(column)));
    case Entity::program_members: return program_member_columns()[std::size_t(column)].name;
    case Entity::custom_objects: return (*CustomObjectDatabase::find_type(spec.api_name)->columns)[std::size_t(column)].name;
    case Entity::leads: break;
  }
  return {};
}

// Activities have fixed columns: fields may pick some of them, or be left out for all. Program
// members and custom objects must name theirs.
std::optional<MarketoError> parse_table_fields(const Json& doc, ExportSpec& spec) {
  const auto it = doc.FindMember("fields");
  if ((it == doc.MemberEnd() || it->value.IsNull()) && spec.entity == Entity::activities) {
    for (int f = 0; f < int(ActivityField::count_); ++f) {
      spec.columns.push_back(f);
      spec.headers.push_back(column_name(spec, f));
    }
    return std::nullopt;
  }
  const std::string entity(entity_name(spec.entity));
  if (it == doc.MemberEnd() || !it->value.IsArray() || it->value.Empty())
    return invalid("fields must be a non-empty array of " + entity + " fields");
  for (const auto& f : it->value.GetArray()) {
    if (!f.IsString()) return invalid("fields must hold only strings");
    const std::string name(f.GetString(), f.GetStringLength());
    const auto column = find_column(spec, name);
    if (!column) return invalid("Invalid field '" + name + "': not a field of " + entity);
    spec.columns.push_back(*column);
    spec.headers.push_back(name);
  }
  return std::nullopt;
}

std::optional<MarketoError> parse_fields(const Json& doc, ExportSpec& spec) {
  if (spec.entity != Entity::leads) return parse_table_fields(doc, spec);
  const auto it = doc.FindMember("fields");
  if (it == doc.MemberEnd() || !it->value.IsArray() || it->value.Empty())
    return invalid("fields is required: a non-empty array of lead field names");
  for (const auto& f : it->value.GetArray()) {
    if (!f.IsString()) return invalid("fields must hold only strings");
    const std::string name(f.GetString(), f.GetStringLength());
    const auto field = LeadDatabase::find_field(name);
    if (!field) return invalid("Invalid field '" + name + "': not a lead field");
    spec.fields.push_back(*field);
    spec.headers.push_back(name);
  }
  return std::nullopt;
}

std::optional<MarketoError> parse_format(const Json& doc, ExportSpec& spec) {
  const auto it = doc.FindMember("format");
  if (it == doc.MemberEnd() || it->value.IsNull()) return std::nullopt;
  const std::string f = it->value.IsString() ? upper(it->value.GetString()) : "";
  if (f == "CSV") spec.format = ExportFormat::csv;
  else if (f == "TSV") spec.format = ExportFormat::tsv;
  else if (f == "SSV") spec.format = ExportFormat::ssv;
  else return invalid("Invalid format: must be CSV, TSV or SSV");
  return std::nullopt;
}

// The requested fields' REST names, in file order.
std::vector<std::string> field_names(const ExportSpec& spec) {
  std::vector<std::string> names;
  for (Field f : spec.fields) names.emplace_back(lead_schema()[std::size_t(f)].name);
  for (int c : spec.columns) names.push_back(column_name(spec, c));
  return names;
}

std::optional<MarketoError> parse_headers(const Json& doc, ExportSpec& spec) {
  const auto it = doc.FindMember("columnHeaderNames");
  if (it == doc.MemberEnd() || it->value.IsNull()) return std::nullopt;
  if (!it->value.IsObject()) return invalid("columnHeaderNames must be an object");
  const std::vector<std::string> names = field_names(spec);
  for (const auto& m : it->value.GetObject()) {
    const std::string key(m.name.GetString(), m.name.GetStringLength());
    if (!m.value.IsString()) return invalid("columnHeaderNames." + key + " must be a string");
    bool found = false;
    for (std::size_t i = 0; i < names.size(); ++i) {
      if (key != names[i]) continue;
      spec.headers[i].assign(m.value.GetString(), m.value.GetStringLength());
      found = true;
    }
    if (!found) return invalid("columnHeaderNames key '" + key + "' is not one of the requested fields");
  }
  return std::nullopt;
}

}  // namespace

const FormatInfo& format_info(ExportFormat format) {
  static const FormatInfo infos[] = {{"CSV", ',', "csv", "text/csv"},
                                     {"TSV", '\t', "tsv", "text/tab-separated-values"},
                                     {"SSV", ' ', "ssv", "text/plain"}};
  return infos[int(format)];
}

std::string_view entity_name(Entity entity) {
  switch (entity) {
    case Entity::leads: return "leads";
    case Entity::activities: return "activities";
    case Entity::program_members: return "program_members";
    case Entity::custom_objects: return "custom_objects";
  }
  return "leads";
}

std::variant<ExportSpec, MarketoError> parse_export_request(
    std::string_view body, const std::set<std::string>& disabled_filters, Entity entity,
    const std::string& api_name) {
  rapidjson::Document doc;
  doc.Parse(body.data(), body.size());
  if (doc.HasParseError() || !doc.IsObject()) return MarketoError{"609", "Invalid JSON"};
  if (entity == Entity::custom_objects && !CustomObjectDatabase::find_type(api_name))
    return MarketoError{"1003", "Custom object '" + api_name + "' not found"};
  ExportSpec spec;
  spec.entity = entity;
  spec.api_name = api_name;
  for (auto step : {parse_fields, parse_format, parse_headers}) {
    if (auto error = step(doc, spec)) return *error;
  }
  if (auto error = parse_filter(doc, disabled_filters, spec)) return *error;
  return spec;
}

}  // namespace fake
