#include "marketo/answer_parser.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <optional>

#include "marketo/call_failures.hpp"
#include "marketo/error_table.hpp"
#include "marketo/json_answer.hpp"
#include "marketo/member_reader.hpp"

namespace msync::marketo {
namespace {

using rapidjson::Value;

// Marketo's tokens last 3600 s; anything far beyond is not a lifetime we should trust.
constexpr std::int64_t kMaxTokenLifetime = 24 * 3600;
constexpr std::size_t kMaxTokenLength = 4096;

// One job of "result"; "" on success, else what is wrong.
std::string read_job(const Value& value, const std::string& path, ExportJob& job) {
  if (!value.IsObject()) return path + " is not an object";
  MemberReader r(value, path);
  const auto id = r.text("exportId");
  if (!r.ok()) return r.error();
  if (!id) return path + ".exportId is missing";
  if (!valid_export_id(*id)) return path + ".exportId is not an id of [A-Za-z0-9-]";
  job.export_id = *id;

  const auto status = r.text("status");
  if (!r.ok()) return r.error();
  if (!status) return path + ".status is missing";
  const auto parsed_status = parse_export_status(*status);
  if (!parsed_status) return fmt::format("{}.status \"{}\" is not a known status", path, printable(*status, 40));
  job.status = *parsed_status;

  if (const auto format = r.text("format")) {
    job.format = parse_format(*format);
    if (!job.format) return fmt::format("{}.format \"{}\" is not CSV, TSV or SSV", path, printable(*format, 40));
  }
  job.created_at = r.time("createdAt");
  job.queued_at = r.time("queuedAt");
  job.started_at = r.time("startedAt");
  job.finished_at = r.time("finishedAt");
  job.number_of_records = r.count("numberOfRecords");
  job.file_size = r.count("fileSize");
  job.file_checksum = r.text("fileChecksum");
  job.error_msg = r.text("errorMsg");
  return r.error();
}

}  // namespace

std::string printable(std::string_view text, std::size_t max_length) {
  std::string out;
  for (char c : text.substr(0, max_length)) {
    const auto u = static_cast<unsigned char>(c);
    out.push_back(u < 0x20 || u == 0x7f ? '?' : c);
  }
  if (text.size() > max_length) out += "...";
  return out;
}

Failure marketo_failure(std::string_view endpoint, std::string_view code, std::string_view message,
                        unsigned http_status) {
  const ErrorRule& rule = rule_for(code, message);
  return Failure{rule.action, Reason::marketo_error, std::string(code),
                 fmt::format("{}: Marketo error {} ({}): {}", endpoint, printable(code, 16),
                             rule.meaning, printable(message)),
                 http_status};
}

Outcome<JobsAnswer> parse_jobs_answer(std::string_view endpoint, std::string_view body,
                                      unsigned http_status) {
  const ResultAnswer answer(endpoint, body, http_status);
  if (answer.failure()) return *answer.failure();

  JobsAnswer jobs;
  const Value& result = answer.result();
  for (rapidjson::SizeType i = 0; i < result.Size(); ++i) {
    ExportJob job;
    const std::string problem = read_job(result[i], fmt::format("result[{}]", i), job);
    if (!problem.empty()) return answer.malformed(problem);
    jobs.jobs.push_back(std::move(job));
  }
  const auto token = answer.doc().FindMember("nextPageToken");
  if (token != answer.doc().MemberEnd() && !token->value.IsNull()) {
    if (!token->value.IsString()) return answer.malformed("nextPageToken is not a string");
    jobs.next_page_token.assign(token->value.GetString(), token->value.GetStringLength());
  }
  return jobs;
}

Outcome<TokenAnswer> parse_token_answer(std::string_view body, unsigned http_status) {
  constexpr std::string_view endpoint = "identity.token";
  const ParsedJson parsed = parse_json_object(endpoint, body, http_status);
  if (parsed.failure) return *parsed.failure;
  const Value& doc = parsed.doc;
  const auto token = doc.FindMember("access_token");
  if (token == doc.MemberEnd() || !token->value.IsString()) {
    return malformed_answer(endpoint, "access_token is missing or not a string", http_status);
  }
  const std::string_view text{token->value.GetString(), token->value.GetStringLength()};
  const bool visible = std::all_of(text.begin(), text.end(), [](char c) { return c > 0x20 && c < 0x7f; });
  // The token goes into a header line: a CR, LF or space in it must never get that far.
  if (text.empty() || text.size() > kMaxTokenLength || !visible) {
    return malformed_answer(endpoint, "access_token is empty, too long or holds non-printable characters",
                            http_status);
  }
  const auto expires = doc.FindMember("expires_in");
  if (expires == doc.MemberEnd() || !expires->value.IsInt64() || expires->value.GetInt64() < 0 ||
      expires->value.GetInt64() > kMaxTokenLifetime) {
    return malformed_answer(endpoint, "expires_in is missing or not a lifetime of 0..86400 s", http_status);
  }
  return TokenAnswer{std::string(text), std::chrono::seconds(expires->value.GetInt64())};
}

std::optional<Failure> parse_error_envelope(std::string_view endpoint, std::string_view body,
                                            unsigned http_status) {
  const ParsedJson parsed = parse_json_object(endpoint, body, http_status);
  if (parsed.failure) return std::nullopt;
  const auto success = parsed.doc.FindMember("success");
  if (success == parsed.doc.MemberEnd() || !success->value.IsBool() || success->value.GetBool()) {
    return std::nullopt;
  }
  return envelope_failure(endpoint, parsed.doc, http_status);
}

}  // namespace msync::marketo
