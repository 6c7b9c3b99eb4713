#include "marketo/export_request.hpp"

#include <fmt/format.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include <algorithm>

namespace msync::marketo {
namespace {

constexpr auto kMaxWindow = std::chrono::days{31};

using JsonWriter = rapidjson::Writer<rapidjson::StringBuffer>;

Failure invalid(std::string what) {
  return Failure{Action::fail_job, Reason::invalid_argument, "", "export.create: " + what, 0};
}

bool is_date_filter(FilterType type) {
  return type == FilterType::created_at || type == FilterType::updated_at;
}

bool all_positive(const std::vector<std::int64_t>& ids) {
  return std::all_of(ids.begin(), ids.end(), [](std::int64_t id) { return id > 0; });
}

std::string check_entity(const ExportSpec& spec) {
  const ExportFilter& f = spec.filter;
  const EntityDescriptor& entity = descriptor(spec.entity.type);
  if (std::string problem = entity_problem(spec.entity); !problem.empty()) return problem;
  if (!allows(spec.entity.type, f.type))
    return fmt::format("{} exports take no {} filter", entity.name, to_string(f.type));
  if (entity.fields_required && spec.fields.empty()) return "no fields to export";
  const bool activities = spec.entity.type == EntityType::activities;
  if (!activities && (!f.activity_type_ids.empty() || !f.primary_attribute_value_ids.empty()))
    return fmt::format("activityTypeIds and primaryAttributeValueIds are for activities, not {}", entity.name);
  if (!all_positive(f.activity_type_ids) || !all_positive(f.primary_attribute_value_ids) ||
      !all_positive(f.program_ids))
    return "filter ids must be positive integers";
  if (entity.needs_program_ids && f.program_ids.empty()) return "program member exports need programIds";
  if (!entity.needs_program_ids && !f.program_ids.empty())
    return fmt::format("programIds are for program members, not {}", entity.name);
  return "";
}

std::string check(const ExportSpec& spec) {
  if (std::string problem = check_entity(spec); !problem.empty()) return problem;
  for (const auto& [field, header] : spec.column_header_names) {
    if (std::find(spec.fields.begin(), spec.fields.end(), field) == spec.fields.end()) {
      return fmt::format("column header given for \"{}\", which is not an exported field", field);
    }
  }
  const ExportFilter& f = spec.filter;
  if (is_date_filter(f.type)) {
    if (f.end_at <= f.start_at) return "filter endAt is not after startAt";
    if (f.end_at - f.start_at > kMaxWindow) return "filter spans more than 31 days";
  } else if (f.type == FilterType::static_list_id || f.type == FilterType::smart_list_id) {
    if (f.list_id <= 0) return "filter list id is not a positive integer";
  } else if (f.type != FilterType::program_ids && f.list_name.empty()) {  // program ids: with the entity
    return "filter list name is empty";
  }
  return "";
}

void write_string(JsonWriter& w, std::string_view s) {
  w.String(s.data(), static_cast<rapidjson::SizeType>(s.size()));
}

void write_ids(JsonWriter& w, std::string_view key, const std::vector<std::int64_t>& ids) {
  if (ids.empty()) return;
  write_string(w, key);
  w.StartArray();
  for (std::int64_t id : ids) w.Int64(id);
  w.EndArray();
}

void write_filter(JsonWriter& w, const ExportFilter& f) {
  w.StartObject();
  if (f.type != FilterType::program_ids) {
    write_string(w, to_string(f.type));
    if (is_date_filter(f.type)) {
      w.StartObject();
      write_string(w, "startAt");
      write_string(w, core::format_iso8601(f.start_at));
      write_string(w, "endAt");
      write_string(w, core::format_iso8601(f.end_at));
      w.EndObject();
    } else if (f.type == FilterType::static_list_id || f.type == FilterType::smart_list_id) {
      w.Int64(f.list_id);
    } else {
      write_string(w, f.list_name);
    }
  }
  // The members that narrow the main filter (or, for program members, are it).
  write_ids(w, "activityTypeIds", f.activity_type_ids);
  write_ids(w, "primaryAttributeValueIds", f.primary_attribute_value_ids);
  write_ids(w, "programIds", f.program_ids);
  w.EndObject();
}

}  // namespace

Outcome<std::string> create_export_body(const ExportSpec& spec) {
  if (const std::string problem = check(spec); !problem.empty()) return invalid(problem);

  rapidjson::StringBuffer buffer;
  JsonWriter w(buffer);
  w.StartObject();
  if (!spec.fields.empty()) {
    write_string(w, "fields");
    w.StartArray();
    for (const auto& field : spec.fields) write_string(w, field);
    w.EndArray();
  }
  write_string(w, "format");
  write_string(w, to_string(spec.format));
  if (!spec.column_header_names.empty()) {
    write_string(w, "columnHeaderNames");
    w.StartObject();
    for (const auto& [field, header] : spec.column_header_names) {
      write_string(w, field);
      write_string(w, header);
    }
    w.EndObject();
  }
  write_string(w, "filter");
  write_filter(w, spec.filter);
  w.EndObject();
  return std::string(buffer.GetString(), buffer.GetSize());
}

}  // namespace msync::marketo
