#include "staging/manifest.hpp"

#include <fmt/format.h>
#include <rapidjson/document.h>
#include <rapidjson/prettywriter.h>
#include <rapidjson/stringbuffer.h>

namespace msync::staging {
namespace {

using Writer = rapidjson::PrettyWriter<rapidjson::StringBuffer>;

void key_string(Writer& w, const char* key, std::string_view value) {
  w.Key(key);
  w.String(value.data(), static_cast<rapidjson::SizeType>(value.size()));
}

void key_strings(Writer& w, const char* key, const std::vector<std::string>& values) {
  w.Key(key);
  w.StartArray();
  for (const auto& v : values) w.String(v.data(), static_cast<rapidjson::SizeType>(v.size()));
  w.EndArray();
}

// List ids are integers in Marketo's API; keep them numbers in the manifest too.
bool is_id_filter(const ManifestFilter& filter) {
  const std::string_view type = filter.type;
  if (type.size() < 2 || type.substr(type.size() - 2) != "Id" || filter.value.empty() ||
      filter.value.size() > 18)
    return false;
  for (char c : filter.value)
    if (c < '0' || c > '9') return false;
  return true;
}

core::Error bad(std::string_view what) {
  return core::make_error(fmt::format("manifest: {}", what), core::ErrorKind::permanent);
}

const rapidjson::Value* member(const rapidjson::Value& object, const char* key) {
  const auto it = object.FindMember(key);
  return it == object.MemberEnd() ? nullptr : &it->value;
}

bool get_string(const rapidjson::Value& object, const char* key, std::string& out) {
  const rapidjson::Value* v = member(object, key);
  if (!v || !v->IsString()) return false;
  out.assign(v->GetString(), v->GetStringLength());
  return true;
}

bool get_uint(const rapidjson::Value& object, const char* key, std::uint64_t& out) {
  const rapidjson::Value* v = member(object, key);
  if (!v || !v->IsUint64()) return false;
  out = v->GetUint64();
  return true;
}

bool get_time(const rapidjson::Value& object, const char* key, core::Timestamp& out) {
  std::string text;
  if (!get_string(object, key, text)) return false;
  const auto t = core::parse_iso8601(text);
  if (!t) return false;
  out = *t;
  return true;
}

bool get_strings(const rapidjson::Value& object, const char* key, std::vector<std::string>& out) {
  const rapidjson::Value* v = member(object, key);
  if (!v || !v->IsArray()) return false;
  out.clear();
  for (const auto& item : v->GetArray()) {
    if (!item.IsString()) return false;
    out.emplace_back(item.GetString(), item.GetStringLength());
  }
  return true;
}

core::Result<ManifestFilter> parse_filter(const rapidjson::Value& object) {
  const rapidjson::Value* v = member(object, "filter");
  if (!v || !v->IsObject()) return bad("'filter' is missing or not an object");
  ManifestFilter filter;
  if (!get_string(*v, "type", filter.type)) return bad("'filter.type' is missing");
  if (member(*v, "startAt")) {
    core::Timestamp start, end;
    if (!get_time(*v, "startAt", start) || !get_time(*v, "endAt", end))
      return bad("'filter.startAt' / 'filter.endAt' must be ISO-8601 times");
    filter.start_at = start;
    filter.end_at = end;
    return filter;
  }
  const rapidjson::Value* value = member(*v, "value");
  if (value && value->IsUint64())
    filter.value = std::to_string(value->GetUint64());
  else if (!get_string(*v, "value", filter.value))
    return bad("'filter' needs startAt/endAt or a value");
  return filter;
}

}  // namespace

std::string render_manifest(const Manifest& m) {
  rapidjson::StringBuffer buffer;
  Writer w(buffer);
  w.StartObject();
  w.Key("manifestVersion");
  w.Int(kManifestVersion);
  key_string(w, "sync", m.sync);
  key_string(w, "entity", m.entity);
  key_string(w, "file", m.file);
  w.Key("filter");
  w.StartObject();
  key_string(w, "type", m.filter.type);
  if (m.filter.windowed()) {
    key_string(w, "startAt", core::format_iso8601(*m.filter.start_at));
    key_string(w, "endAt", core::format_iso8601(m.filter.end_at.value_or(*m.filter.start_at)));
  } else if (is_id_filter(m.filter)) {
    w.Key("value");
    w.Uint64(std::stoull(m.filter.value));
  } else {
    key_string(w, "value", m.filter.value);
  }
  w.EndObject();
  key_string(w, "exportId", m.export_id);
  key_string(w, "format", csv::extension(m.format));
  key_strings(w, "fields", m.fields);
  key_strings(w, "columnHeaders", m.column_headers.empty() ? m.fields : m.column_headers);
  w.Key("records");
  w.Uint64(m.records);
  w.Key("bytes");
  w.Uint64(m.bytes);
  key_string(w, "sha256", m.sha256);
  key_string(w, "compression", to_string(m.compression));
  w.Key("storedBytes");
  w.Uint64(m.stored_bytes);
  key_string(w, "nullMarker", csv::kNullMarker);
  key_string(w, "stagedAt", core::format_iso8601(m.staged_at));
  w.EndObject();
  return std::string(buffer.GetString(), buffer.GetSize()) + "\n";
}

core::Result<Manifest> parse_manifest(std::string_view json) {
  rapidjson::Document doc;
  doc.Parse(json.data(), json.size());
  if (doc.HasParseError() || !doc.IsObject()) return bad("not a JSON object");
  const rapidjson::Value* version = member(doc, "manifestVersion");
  if (!version || !version->IsInt() || version->GetInt() != kManifestVersion)
    return bad(fmt::format("'manifestVersion' must be {}", kManifestVersion));
  Manifest m;
  std::string format;
  if (!get_string(doc, "sync", m.sync) || !get_string(doc, "entity", m.entity) ||
      !get_string(doc, "file", m.file) || !get_string(doc, "exportId", m.export_id) ||
      !get_string(doc, "format", format) || !get_string(doc, "sha256", m.sha256))
    return bad("a string member (sync, entity, file, exportId, format, sha256) is missing");
  const auto parsed_format = csv::parse_format(format);
  if (!parsed_format) return bad(fmt::format("unknown format '{}'", format));
  m.format = *parsed_format;
  if (!get_strings(doc, "fields", m.fields) || !get_strings(doc, "columnHeaders", m.column_headers))
    return bad("'fields' and 'columnHeaders' must be arrays of strings");
  if (!get_uint(doc, "records", m.records) || !get_uint(doc, "bytes", m.bytes))
    return bad("'records' and 'bytes' must be unsigned integers");
  m.stored_bytes = m.bytes;
  if (member(doc, "compression")) {
    std::string compression;
    std::optional<Compression> parsed;
    if (get_string(doc, "compression", compression)) parsed = parse_compression(compression);
    if (!parsed) return bad("'compression' must be one of none, gzip, zstd");
    m.compression = *parsed;
  }
  if (member(doc, "storedBytes") && !get_uint(doc, "storedBytes", m.stored_bytes))
    return bad("'storedBytes' must be an unsigned integer");
  if (!get_time(doc, "stagedAt", m.staged_at)) return bad("'stagedAt' must be an ISO-8601 time");
  auto filter = parse_filter(doc);
  if (!filter) return filter.error();
  m.filter = std::move(*filter);
  return m;
}

}  // namespace msync::staging
