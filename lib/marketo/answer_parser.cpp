#include "marketo/answer_parser.hpp"

#include <fmt/format.h>
#include <rapidjson/document.h>
#include <rapidjson/error/en.h>

#include <optional>

#include "marketo/error_table.hpp"

namespace msync::marketo {
namespace {

using rapidjson::Value;

// Marketo's tokens last 3600 s; anything far beyond is not a lifetime we should trust.
constexpr std::int64_t kMaxTokenLifetime = 24 * 3600;
constexpr std::size_t kMaxTokenLength = 4096;

Failure malformed(std::string_view endpoint, std::string what, unsigned http_status) {
  return Failure{Action::backoff, Reason::malformed_answer, "",
                 fmt::format("{}: malformed answer: {}", endpoint, what), http_status};
}

struct Parsed {
  rapidjson::Document doc;
  std::optional<Failure> failure;
};

Parsed parse_object(std::string_view endpoint, std::string_view body, unsigned http_status) {
  Parsed parsed;
  parsed.doc.Parse(body.data(), body.size());
  if (parsed.doc.HasParseError()) {
    parsed.failure = malformed(endpoint,
                               fmt::format("not JSON ({} at offset {})",
                                           rapidjson::GetParseError_En(parsed.doc.GetParseError()),
                                           parsed.doc.GetErrorOffset()),
                               http_status);
  } else if (!parsed.doc.IsObject()) {
    parsed.failure = malformed(endpoint, "not a JSON object", http_status);
  }
  return parsed;
}

// The error envelope's first error; success must be a boolean.
std::optional<Failure> envelope_failure(std::string_view endpoint, const Value& doc,
                                        unsigned http_status) {
  const auto success = doc.FindMember("success");
  if (success == doc.MemberEnd() || !success->value.IsBool()) {
    return malformed(endpoint, "\"success\" is missing or not a boolean", http_status);
  }
  if (success->value.GetBool()) return std::nullopt;
  const auto errors = doc.FindMember("errors");
  if (errors == doc.MemberEnd() || !errors->value.IsArray() || errors->value.Empty() ||
      !errors->value[0].IsObject()) {
    return malformed(endpoint, "\"success\" is false but \"errors\" holds no error", http_status);
  }
  const Value& first = errors->value[0];
  const auto code = first.FindMember("code");
  std::string code_text;
  if (code != first.MemberEnd() && code->value.IsString()) {
    code_text.assign(code->value.GetString(), code->value.GetStringLength());
  } else if (code != first.MemberEnd() && code->value.IsInt64()) {
    code_text = std::to_string(code->value.GetInt64());
  } else {
    return malformed(endpoint, "errors[0].code is missing or not a string", http_status);
  }
  const auto message = first.FindMember("message");
  std::string_view message_text;
  if (message != first.MemberEnd() && message->value.IsString()) {
    message_text = {message->value.GetString(), message->value.GetStringLength()};
  }
  return marketo_failure(endpoint, code_text, message_text, http_status);
}

// Reads the optional members of one job; a null member counts as absent. The first unacceptable
// member is remembered, named by its path (result[0].fileSize), in error().
class JobReader {
 public:
  JobReader(const Value& object, std::string path) : object_(object), path_(std::move(path)) {}

  std::string error() const { return error_; }

  const Value* member(const char* name) {
    const auto it = object_.FindMember(name);
    if (it == object_.MemberEnd() || it->value.IsNull()) return nullptr;
    return &it->value;
  }

  void fail(const char* name, std::string_view what) {
    if (error_.empty()) error_ = fmt::format("{}.{} {}", path_, name, what);
  }

  std::optional<std::string> text(const char* name) {
    const Value* v = member(name);
    if (v == nullptr) return std::nullopt;
    if (!v->IsString()) {
      fail(name, "is not a string");
      return std::nullopt;
    }
    return std::string(v->GetString(), v->GetStringLength());
  }

  std::optional<core::Timestamp> time(const char* name) {
    const auto t = text(name);
    if (!t) return std::nullopt;
    const auto parsed = core::parse_iso8601(*t, true);
    if (!parsed) fail(name, "is not an ISO-8601 time");
    return parsed;
  }

  std::optional<std::uint64_t> count(const char* name) {
    const Value* v = member(name);
    if (v == nullptr) return std::nullopt;
    if (!v->IsUint64()) {
      fail(name, "is not a non-negative integer");
      return std::nullopt;
    }
    return v->GetUint64();
  }

 private:
  const Value& object_;
  std::string path_;
  std::string error_;
};

std::optional<ExportFormat> parse_format(std::string_view text) {
  for (ExportFormat f : {ExportFormat::csv, ExportFormat::tsv, ExportFormat::ssv}) {
    if (to_string(f) == text) return f;
  }
  return std::nullopt;
}

// One job of "result"; "" on success, else what is wrong.
std::string read_job(const Value& value, const std::string& path, ExportJob& job) {
  if (!value.IsObject()) return path + " is not an object";
  JobReader r(value, path);
  const auto id = r.text("exportId");
  if (!r.error().empty()) return r.error();
  if (!id) return path + ".exportId is missing";
  if (!valid_export_id(*id)) return path + ".exportId is not an id of [A-Za-z0-9-]";
  job.export_id = *id;

  const auto status = r.text("status");
  if (!r.error().empty()) return r.error();
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
  Parsed parsed = parse_object(endpoint, body, http_status);
  if (parsed.failure) return *parsed.failure;
  const Value& doc = parsed.doc;
  if (auto failure = envelope_failure(endpoint, doc, http_status)) return *failure;

  JobsAnswer answer;
  const auto result = doc.FindMember("result");
  if (result == doc.MemberEnd() || !result->value.IsArray()) {
    return malformed(endpoint, "\"result\" is missing or not an array", http_status);
  }
  for (rapidjson::SizeType i = 0; i < result->value.Size(); ++i) {
    ExportJob job;
    const std::string problem = read_job(result->value[i], fmt::format("result[{}]", i), job);
    if (!problem.empty()) return malformed(endpoint, problem, http_status);
    answer.jobs.push_back(std::move(job));
  }
  const auto token = doc.FindMember("nextPageToken");
  if (token != doc.MemberEnd() && !token->value.IsNull()) {
    if (!token->value.IsString()) return malformed(endpoint, "nextPageToken is not a string", http_status);
    answer.next_page_token.assign(token->value.GetString(), token->value.GetStringLength());
  }
  return answer;
}

Outcome<TokenAnswer> parse_token_answer(std::string_view body, unsigned http_status) {
  constexpr std::string_view endpoint = "identity.token";
  Parsed parsed = parse_object(endpoint, body, http_status);
  if (parsed.failure) return *parsed.failure;
  const Value& doc = parsed.doc;
  const auto token = doc.FindMember("access_token");
  if (token == doc.MemberEnd() || !token->value.IsString()) {
    return malformed(endpoint, "access_token is missing or not a string", http_status);
  }
  const std::string_view text{token->value.GetString(), token->value.GetStringLength()};
  const bool visible = std::all_of(text.begin(), text.end(), [](char c) { return c > 0x20 && c < 0x7f; });
  // The token goes into a header line: a CR, LF or space in it must never get that far.
  if (text.empty() || text.size() > kMaxTokenLength || !visible) {
    return malformed(endpoint, "access_token is empty, too long or holds non-printable characters",
                     http_status);
  }
  const auto expires = doc.FindMember("expires_in");
  if (expires == doc.MemberEnd() || !expires->value.IsInt64() || expires->value.GetInt64() < 0 ||
      expires->value.GetInt64() > kMaxTokenLifetime) {
    return malformed(endpoint, "expires_in is missing or not a lifetime of 0..86400 s", http_status);
  }
  return TokenAnswer{std::string(text), std::chrono::seconds(expires->value.GetInt64())};
}

std::optional<Failure> parse_error_envelope(std::string_view endpoint, std::string_view body,
                                            unsigned http_status) {
  Parsed parsed = parse_object(endpoint, body, http_status);
  if (parsed.failure) return std::nullopt;
  const auto success = parsed.doc.FindMember("success");
  if (success == parsed.doc.MemberEnd() || !success->value.IsBool() || success->value.GetBool()) {
    return std::nullopt;
  }
  return envelope_failure(endpoint, parsed.doc, http_status);
}

}  // namespace msync::marketo
