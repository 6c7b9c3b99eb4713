#include "fake_marketo/sim/marketo_reply.hpp"

#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include "fake_marketo/sim/ids.hpp"

namespace fake {
namespace {

using Writer = rapidjson::Writer<rapidjson::StringBuffer>;

void member(Writer& w, const char* key, const std::string& value) {
  w.Key(key);
  w.String(value.data(), rapidjson::SizeType(value.size()));
}

void member(Writer& w, const char* key, SimTime t) { member(w, key, iso8601(t)); }

void write_job(Writer& w, const ExportJob& job, JobStatus shown) {
  const bool started = shown == JobStatus::processing || shown == JobStatus::completed ||
                       shown == JobStatus::failed;
  w.StartObject();
  member(w, "exportId", job.id);
  member(w, "format", format_info(job.spec.format).name);
  member(w, "status", std::string(status_name(shown)));
  member(w, "createdAt", job.created_at);
  if (job.queued_at && shown != JobStatus::created) member(w, "queuedAt", *job.queued_at);
  if (job.started_at && (started || shown == JobStatus::cancelled)) member(w, "startedAt", *job.started_at);
  if (shown == JobStatus::completed || shown == JobStatus::failed) member(w, "finishedAt", *job.finished_at);
  if (shown == JobStatus::completed) {
    w.Key("numberOfRecords");
    w.Uint64(job.records);
    w.Key("fileSize");
    w.Uint64(job.file_size);
    member(w, "fileChecksum", "sha256:" + job.checksum);
  }
  if (shown == JobStatus::failed) member(w, "errorMsg", job.error);
  w.EndObject();
}

void write_import(Writer& w, const ImportJob& job) {
  w.StartObject();
  w.Key("batchId");
  w.Int64(job.batch_id);
  member(w, "importId", std::to_string(job.batch_id));
  member(w, "status", std::string(import_status_name(job.status)));
  if (!job.active()) {
    w.Key("numOfLeadsProcessed");
    w.Uint64(job.leads_processed);
    w.Key("numOfRowsFailed");
    w.Uint64(job.rows_failed);
    w.Key("numOfRowsWithWarning");
    w.Uint64(job.rows_with_warning);
    member(w, "message", job.message);
  }
  w.EndObject();
}

std::string text_of(const rapidjson::StringBuffer& b) { return {b.GetString(), b.GetSize()}; }

}  // namespace

HttpResponse json_reply(unsigned status, std::string body) {
  HttpResponse r;
  r.status = status;
  r.headers.emplace_back("Content-Type", "application/json;charset=UTF-8");
  r.body = std::move(body);
  return r;
}

HttpResponse text_reply(unsigned status, std::string body) {
  HttpResponse r;
  r.status = status;
  r.headers.emplace_back("Content-Type", "text/plain;charset=UTF-8");
  r.body = std::move(body);
  return r;
}

HttpResponse error_reply(const std::string& request_id, const MarketoError& error) {
  rapidjson::StringBuffer buffer;
  Writer w(buffer);
  w.StartObject();
  member(w, "requestId", request_id);
  w.Key("success");
  w.Bool(false);
  w.Key("errors");
  w.StartArray();
  w.StartObject();
  member(w, "code", error.code);
  member(w, "message", error.message);
  w.EndObject();
  w.EndArray();
  w.EndObject();
  HttpResponse r = json_reply(200, text_of(buffer));
  r.marketo_error = error.code;
  return r;
}

HttpResponse jobs_reply(const std::string& request_id, const std::vector<ShownJob>& jobs,
                        const std::optional<std::string>& next_page_token) {
  rapidjson::StringBuffer buffer;
  Writer w(buffer);
  w.StartObject();
  member(w, "requestId", request_id);
  w.Key("success");
  w.Bool(true);
  if (next_page_token) member(w, "nextPageToken", *next_page_token);
  w.Key("result");
  w.StartArray();
  for (const auto& j : jobs) write_job(w, *j.job, j.shown);
  w.EndArray();
  w.EndObject();
  return json_reply(200, text_of(buffer));
}

HttpResponse import_reply(const std::string& request_id, const ImportJob& job) {
  rapidjson::StringBuffer buffer;
  Writer w(buffer);
  w.StartObject();
  member(w, "requestId", request_id);
  w.Key("result");
  w.StartArray();
  write_import(w, job);
  w.EndArray();
  w.Key("success");
  w.Bool(true);
  w.EndObject();
  return json_reply(200, text_of(buffer));
}

}  // namespace fake
