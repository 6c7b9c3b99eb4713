#include "status_json.hpp"

#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

namespace msync::daemon {
namespace {

using Writer = rapidjson::Writer<rapidjson::StringBuffer>;

void string(Writer& w, const char* key, const std::string& value) {
  w.Key(key);
  w.String(value.c_str(), static_cast<rapidjson::SizeType>(value.size()));
}

void optional_string(Writer& w, const char* key, const std::optional<std::string>& value) {
  if (value) string(w, key, *value);
  else {
    w.Key(key);
    w.Null();
  }
}

void integer(Writer& w, const char* key, std::int64_t value) {
  w.Key(key);
  w.Int64(value);
}

void sync(Writer& w, const state::SyncStatus& s, core::Timestamp now) {
  w.StartObject();
  string(w, "name", s.sync.name);
  string(w, "kind", std::string(state::to_string(s.sync.kind)));
  string(w, "watermark", core::format_iso8601(s.sync.watermark));
  // incremental: how far behind now the staged data ends; snapshot: the age of the latest one.
  integer(w, "lagSeconds", std::chrono::duration_cast<core::Seconds>(now - s.sync.watermark).count());
  integer(w, "windowsStaged", s.windows_staged);
  integer(w, "windowsInFlight", s.windows_in_flight);
  integer(w, "windowsPending", s.windows_pending);
  integer(w, "windowsFailed", s.windows_failed);
  optional_string(w, "plannedUntil",
                  s.planned_until ? std::optional<std::string>(core::format_iso8601(*s.planned_until)) : std::nullopt);
  optional_string(w, "error", s.sync.error);
  optional_string(w, "lastJobError", s.last_job_error);
  w.EndObject();
}

void job(Writer& w, const state::LiveJob& live) {
  w.StartObject();
  string(w, "sync", live.window.sync);
  string(w, "windowStart", core::format_iso8601(live.window.start));
  string(w, "windowEnd", core::format_iso8601(live.window.end));
  string(w, "state", std::string(state::to_string(live.job.state)));
  optional_string(w, "exportId", live.job.export_id);
  w.EndObject();
}

void import_batch(Writer& w, const state::ImportBatch& batch) {
  w.StartObject();
  string(w, "import", batch.import);
  string(w, "source", batch.source);
  integer(w, "part", batch.part);
  string(w, "state", std::string(state::to_string(batch.state)));
  w.Key("batchId");
  if (batch.batch_id) w.Int64(*batch.batch_id);
  else w.Null();
  w.EndObject();
}

}  // namespace

std::string status_json(const state::StatusSnapshot& snapshot, core::Timestamp now,
                        const std::optional<std::string>& staging_error) {
  rapidjson::StringBuffer buffer;
  Writer w(buffer);
  w.StartObject();
  string(w, "generatedAt", core::format_iso8601(now));
  string(w, "quotaDay", core::format_iso8601(snapshot.quota_day));
  integer(w, "exportBytesToday", snapshot.export_bytes);
  integer(w, "callsToday", snapshot.calls);
  w.Key("syncs");
  w.StartArray();
  for (const auto& s : snapshot.syncs) sync(w, s, now);
  w.EndArray();
  w.Key("jobsInFlight");
  w.StartArray();
  for (const auto& live : snapshot.in_flight) job(w, live);
  w.EndArray();
  w.Key("importsInFlight");
  w.StartArray();
  for (const auto& batch : snapshot.imports_in_flight) import_batch(w, batch);
  w.EndArray();
  optional_string(w, "stagingError", staging_error);
  w.EndObject();
  return std::string(buffer.GetString(), buffer.GetSize());
}

}  // namespace msync::daemon
