#include <string_view>

#include <rapidjson/prettywriter.h>
#include <rapidjson/stringbuffer.h>

#include "imports/import_results.hpp"

namespace msync::imports {
namespace {

using Writer = rapidjson::PrettyWriter<rapidjson::StringBuffer>;

void key_string(Writer& w, const char* key, std::string_view value) {
  w.Key(key);
  w.String(value.data(), static_cast<rapidjson::SizeType>(value.size()));
}

void key_int(Writer& w, const char* key, std::int64_t value) {
  w.Key(key);
  w.Int64(value);
}

void counts(Writer& w, std::int64_t processed, std::int64_t failed, std::int64_t warned) {
  key_int(w, "leadsProcessed", processed);
  key_int(w, "rowsFailed", failed);
  key_int(w, "rowsWithWarning", warned);
}

void part(Writer& w, const PartResult& p) {
  w.StartObject();
  key_int(w, "part", p.part);
  w.Key("batchId");
  if (p.batch_id)
    w.Int64(*p.batch_id);
  else
    w.Null();  // never accepted by Marketo
  key_string(w, "status", p.status);
  counts(w, p.leads_processed, p.rows_failed, p.rows_with_warning);
  key_string(w, "message", p.message);
  w.EndObject();
}

}  // namespace

std::string overall_outcome(const ImportResult& result) {
  // No part at all means nothing was imported: not a success.
  if (result.parts.empty()) return "failed";
  for (const PartResult& p : result.parts)
    if (p.status != "Complete") return "failed";
  return "complete";
}

std::string status_json(const ImportResult& r) {
  std::int64_t processed = 0, failed = 0, warned = 0;
  for (const PartResult& p : r.parts) {
    processed += p.leads_processed;
    failed += p.rows_failed;
    warned += p.rows_with_warning;
  }
  rapidjson::StringBuffer buffer;
  Writer w(buffer);
  w.StartObject();
  key_string(w, "import", r.import);
  key_string(w, "file", r.source_name);
  key_string(w, "sha256", r.sha256);
  key_int(w, "programId", r.program_id);
  key_string(w, "programMemberStatus", r.program_member_status);
  key_string(w, "format", r.format);
  w.Key("records");
  w.Uint64(r.records);
  key_string(w, "outcome", overall_outcome(r));
  key_string(w, "takenAt", core::format_iso8601(r.taken_at));
  key_string(w, "finishedAt", core::format_iso8601(r.finished_at));
  w.Key("totals");
  w.StartObject();
  counts(w, processed, failed, warned);
  w.EndObject();
  w.Key("parts");
  w.StartArray();
  for (const PartResult& p : r.parts) part(w, p);
  w.EndArray();
  key_int(w, "fileId", r.file_id);
  w.EndObject();
  return std::string(buffer.GetString(), buffer.GetSize()) + "\n";
}

}  // namespace msync::imports
