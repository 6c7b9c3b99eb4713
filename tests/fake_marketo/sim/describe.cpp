#include "fake_marketo/sim/describe.hpp"

#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include <initializer_list>

#include "fake_marketo/sim/custom_object_database.hpp"
#include "fake_marketo/sim/ids.hpp"
#include "fake_marketo/sim/import_rows.hpp"
#include "fake_marketo/sim/marketo_reply.hpp"
#include "fake_marketo/sim/member_database.hpp"

namespace fake {
namespace {

using Writer = rapidjson::Writer<rapidjson::StringBuffer>;

constexpr unsigned kTextLength = 255;  // Marketo's length of its standard text fields


const char* type_name(FieldType type) {
  switch (type) {
    case FieldType::integer: return "integer";
    case FieldType::email: return "email";
    case FieldType::string: return "string";
    case FieldType::phone: return "phone";
    case FieldType::datetime: return "datetime";
  }
  return "string";
}

bool has_length(FieldType type) { return type != FieldType::integer && type != FieldType::datetime; }

bool read_only(std::string_view name) { return name == "id" || name == "createdAt" || name == "updatedAt"; }

// As Marketo labels the field: the split REST name, but for the one it spells out.
std::string label(std::string_view name) { return name == "email" ? "Email Address" : display_name(name); }

// The SOAP API's name: the REST name with a capital first letter.
std::string soap_name(std::string_view name) {
  std::string s(name);
  if (!s.empty() && s[0] >= 'a' && s[0] <= 'z') s[0] = char(s[0] - 'a' + 'A');
  return s;
}

void key_string(Writer& w, const char* key, const std::string& value) {
  w.Key(key);
  w.String(value.data(), rapidjson::SizeType(value.size()));
}

void key_bool(Writer& w, const char* key, bool value) {
  w.Key(key);
  w.Bool(value);
}

void name_map(Writer& w, const char* key, const std::string& name, bool read_only) {
  w.Key(key);
  w.StartObject();
  key_string(w, "name", name);
  key_bool(w, "readOnly", read_only);
  w.EndObject();
}

void searchable(Writer& w, std::initializer_list<const char*> fields) {
  w.Key("searchableFields");
  w.StartArray();
  for (const char* f : fields) {
    w.StartArray();
    w.String(f);
    w.EndArray();
  }
  w.EndArray();
}

void lead_attributes(Writer& w) {
  int id = 0;
  for (const LeadField& f : lead_schema()) {
    w.StartObject();
    w.Key("id");
    w.Int(++id);
    key_string(w, "displayName", label(f.name));
    key_string(w, "dataType", type_name(f.type));
    if (has_length(f.type)) {
      w.Key("length");
      w.Uint(kTextLength);
    }
    name_map(w, "rest", f.name, read_only(f.name));
    name_map(w, "soap", soap_name(f.name), read_only(f.name));
    w.EndObject();
  }
}

void field2(Writer& w, const std::string& name, const std::string& display, const char* type,
            bool length, bool updateable) {
  w.StartObject();
  key_string(w, "name", name);
  key_string(w, "displayName", display);
  key_string(w, "dataType", type);
  if (length) {
    w.Key("length");
    w.Uint(kTextLength);
  }
  key_bool(w, "updateable", updateable);
  key_bool(w, "crmManaged", false);
  w.EndObject();
}

void lead_map(Writer& w) {
  w.StartObject();
  key_string(w, "name", "API Lead");
  searchable(w, {"email", "id"});
  w.Key("fields");
  w.StartArray();
  for (const LeadField& f : lead_schema())
    field2(w, f.name, label(f.name), type_name(f.type), has_length(f.type), !read_only(f.name));
  w.EndArray();
  w.EndObject();
}

void program_member_map(Writer& w, SimTime schema_time) {
  w.StartObject();
  key_string(w, "name", "API Program Member");
  key_string(w, "description", "Map for API program member fields");
  key_string(w, "createdAt", iso8601(schema_time));
  key_string(w, "updatedAt", iso8601(schema_time));
  w.Key("dedupeFields");
  w.StartArray();
  w.String("leadId");
  w.String("programId");
  w.EndArray();
  searchable(w, {"leadId", "programId"});
  w.Key("fields");
  w.StartArray();
  // Marketo's standard program member fields (the ones the export renders); display names are the REST names.
  for (const auto& f : program_member_columns()) field2(w, f.name, f.name, f.type, false, false);
  w.EndArray();
  w.EndObject();
}

void custom_object_map(Writer& w, const CustomObjectType& type) {
  w.StartObject();
  key_string(w, "name", type.api_name);
  key_string(w, "displayName", type.display_name);
  key_string(w, "idField", "marketoGUID");
  w.Key("dedupeFields");
  w.StartArray();
  w.String("vin");
  w.EndArray();
  w.Key("fields");
  w.StartArray();
  for (const auto& f : *type.columns)
    field2(w, f.name, display_name(f.name), f.type, std::string_view(f.type) == "string", std::string_view(f.name) != "marketoGUID");
  w.EndArray();
  w.EndObject();
}

}  // namespace

DescribeKind describe_route(std::string_view path, std::string& api_name) {
  constexpr std::string_view objects = "/rest/v1/customobjects/", describe = "/describe.json";
  if (path.starts_with(objects) && path.ends_with(describe) && path.size() > objects.size() + describe.size()) {
    const std::string_view name = path.substr(objects.size(), path.size() - objects.size() - describe.size());
    if (name.find('/') == std::string_view::npos) {
      api_name = std::string(name);
      return DescribeKind::custom_object;
    }
  }
  if (path == "/rest/v1/leads/describe.json") return DescribeKind::leads;
  if (path == "/rest/v1/leads/describe2.json") return DescribeKind::leads2;
  if (path == "/rest/v1/program/members/describe.json") return DescribeKind::program_members;
  return DescribeKind::none;
}

HttpResponse describe_reply(DescribeKind kind, const std::string& request_id, SimTime schema_time,
                            const std::string& api_name) {
  const CustomObjectType* object = CustomObjectDatabase::find_type(api_name);
  if (kind == DescribeKind::custom_object && !object)
    return error_reply(request_id, {"1003", "Custom object '" + api_name + "' not found"});
  rapidjson::StringBuffer buffer;
  Writer w(buffer);
  w.StartObject();
  key_string(w, "requestId", request_id);
  key_bool(w, "success", true);
  w.Key("result");
  w.StartArray();
  switch (kind) {
    case DescribeKind::leads: lead_attributes(w); break;
    case DescribeKind::leads2: lead_map(w); break;
    case DescribeKind::program_members: program_member_map(w, schema_time); break;
    case DescribeKind::custom_object: custom_object_map(w, *object); break;
    case DescribeKind::none: break;
  }
  w.EndArray();
  w.EndObject();
  return json_reply(200, std::string(buffer.GetString(), buffer.GetSize()));
}

}  // namespace fake
