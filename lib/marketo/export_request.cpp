#include "marketo/export_request.hpp"

#include <fmt/format.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include <algorithm>

namespace msync::marketo {
namespace {

constexpr auto kMaxWindow = std::chrono::days{31};

Failure invalid(std::string what) {
  return Failure{Action::fail_job, Reason::invalid_argument, "", "export.create: " + what, 0};
}

bool is_date_filter(FilterType type) {
  return type == FilterType::created_at || type == FilterType::updated_at;
}

std::string check(const ExportSpec& spec) {
  if (spec.fields.empty()) return "no fields to export";
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
  } else if (f.list_name.empty()) {
    return "filter list name is empty";
  }
  return "";
}

}  // namespace

Outcome<std::string> create_export_body(const ExportSpec& spec) {
  if (const std::string problem = check(spec); !problem.empty()) return invalid(problem);

  rapidjson::StringBuffer buffer;
  rapidjson::Writer<rapidjson::StringBuffer> w(buffer);
  const auto str = [&w](std::string_view s) { w.String(s.data(), static_cast<rapidjson::SizeType>(s.size())); };
  w.StartObject();
  str("fields");
  w.StartArray();
  for (const auto& field : spec.fields) str(field);
  w.EndArray();
  str("format");
  str(to_string(spec.format));
  if (!spec.column_header_names.empty()) {
    str("columnHeaderNames");
    w.StartObject();
    for (const auto& [field, header] : spec.column_header_names) {
      str(field);
      str(header);
    }
    w.EndObject();
  }
  str("filter");
  w.StartObject();
  const ExportFilter& f = spec.filter;
  str(to_string(f.type));
  if (is_date_filter(f.type)) {
    w.StartObject();
    str("startAt");
    str(core::format_iso8601(f.start_at));
    str("endAt");
    str(core::format_iso8601(f.end_at));
    w.EndObject();
  } else if (f.type == FilterType::static_list_id || f.type == FilterType::smart_list_id) {
    w.Int64(f.list_id);
  } else {
    str(f.list_name);
  }
  w.EndObject();
  w.EndObject();
  return std::string(buffer.GetString(), buffer.GetSize());
}

}  // namespace msync::marketo
