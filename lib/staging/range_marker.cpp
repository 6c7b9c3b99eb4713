#include "staging/range_marker.hpp"

#include <fmt/format.h>
#include <rapidjson/prettywriter.h>
#include <rapidjson/stringbuffer.h>

namespace msync::staging {
namespace {

void key_string(rapidjson::PrettyWriter<rapidjson::StringBuffer>& w, const char* key, std::string_view value) {
  w.Key(key);
  w.String(value.data(), static_cast<rapidjson::SizeType>(value.size()));
}

}  // namespace

std::string range_marker_file_name(const RangeMarker& marker) {
  return fmt::format("_SUCCESS_{}_{}_{}.json", marker.kind, core::format_iso8601_basic(marker.from),
                     core::format_iso8601_basic(marker.to));
}

std::string render_range_marker(const RangeMarker& m) {
  rapidjson::StringBuffer buffer;
  rapidjson::PrettyWriter<rapidjson::StringBuffer> w(buffer);
  w.StartObject();
  w.Key("markerVersion");
  w.Int(kRangeMarkerVersion);
  key_string(w, "sync", m.sync);
  key_string(w, "kind", m.kind);
  key_string(w, "from", core::format_iso8601(m.from));
  key_string(w, "to", core::format_iso8601(m.to));
  w.Key("fileCount");
  w.Uint64(m.files.size());
  w.Key("files");
  w.StartArray();
  for (const auto& f : m.files) w.String(f.data(), static_cast<rapidjson::SizeType>(f.size()));
  w.EndArray();
  w.Key("records");
  w.Uint64(m.records);
  key_string(w, "writtenAt", core::format_iso8601(m.written_at));
  w.EndObject();
  return std::string(buffer.GetString(), buffer.GetSize()) + "\n";
}

}  // namespace msync::staging
