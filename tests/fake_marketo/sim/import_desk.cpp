#include "fake_marketo/sim/import_desk.hpp"

#include <charconv>

#include "fake_marketo/sim/marketo_reply.hpp"
#include "fake_marketo/sim/multipart.hpp"

namespace fake {
namespace {

constexpr std::string_view kProgramPrefix = "/bulk/v1/program/";
constexpr std::string_view kBatchPrefix = "members/import/";
constexpr std::string_view kCreateSuffix = "/members/import.json";

std::optional<std::int64_t> parse_id(std::string_view s) {
  std::int64_t v = 0;
  const auto r = std::from_chars(s.data(), s.data() + s.size(), v);
  if (s.empty() || r.ec != std::errc() || r.ptr != s.data() + s.size() || v < 0) return std::nullopt;
  return v;
}

std::optional<ExportFormat> parse_format(std::string_view name) {
  for (ExportFormat f : {ExportFormat::csv, ExportFormat::tsv, ExportFormat::ssv})
    if (iequals(name, format_info(f).name)) return f;
  return std::nullopt;
}

MarketoError missing(const char* name) { return {"1003", std::string("Missing required parameter '") + name + "'"}; }

// A form field's value, else the query parameter's (the seed shows both ways of sending them).
std::optional<std::string> parameter(const std::vector<FormPart>& parts, const Target& target, const char* name) {
  if (const FormPart* p = find_part(parts, name)) return std::string(trim(p->data));
  return find_param(target.query, name);
}

const std::string* find_status(const std::vector<std::string>& statuses, std::string_view asked) {
  for (const auto& s : statuses)
    if (iequals(s, asked)) return &s;
  return nullptr;
}

std::string joined(const std::vector<std::string>& items) {
  std::string out;
  for (const auto& s : items) out += (out.empty() ? "" : ", ") + s;
  return out;
}

}  // namespace

ImportRoute import_route(std::string_view path) {
  if (!path.starts_with(kProgramPrefix)) return {};
  const std::string_view rest = path.substr(kProgramPrefix.size());
  if (rest.starts_with(kBatchPrefix)) {
    const std::string_view tail = rest.substr(kBatchPrefix.size());
    const auto slash = tail.find('/');
    if (slash == 0 || slash == std::string_view::npos) return {};
    const std::string id(tail.substr(0, slash));
    const std::string_view action = tail.substr(slash + 1);
    if (action == "status.json") return {ImportRoute::Kind::status, "GET", id};
    if (action == "failures.json") return {ImportRoute::Kind::failures, "GET", id};
    if (action == "warnings.json") return {ImportRoute::Kind::warnings, "GET", id};
    return {};
  }
  if (!rest.ends_with(kCreateSuffix) || rest.size() == kCreateSuffix.size()) return {};
  const std::string_view program = rest.substr(0, rest.size() - kCreateSuffix.size());
  if (program.find('/') != std::string_view::npos) return {};
  return {ImportRoute::Kind::create, "POST", std::string(program)};
}

HttpResponse ImportDesk::handle(const ImportRoute& route, const HttpRequest& request, const Target& target,
                                const std::string& client, const std::string& request_id, SimTime now) {
  if (route.kind == ImportRoute::Kind::create) return create(route.id, request, target, client, request_id, now);
  const auto batch = parse_id(route.id);
  const ImportJob* job = batch ? board_.find(*batch, client) : nullptr;
  if (!job) return error_reply(request_id, {"1003", "Import batch " + route.id + " not found"});
  if (route.kind == ImportRoute::Kind::status) return import_reply(request_id, *job);
  return result_file(*job, route.kind == ImportRoute::Kind::failures, request_id);
}

HttpResponse ImportDesk::create(const std::string& program, const HttpRequest& request, const Target& target,
                                const std::string& client, const std::string& request_id, SimTime now) {
  const auto reply = [&](const MarketoError& e) { return error_reply(request_id, e); };
  const auto content_type = find_header(request, "Content-Type");
  if (!content_type) return reply({"609", "Invalid multipart/form-data body: the request has no Content-Type"});
  auto parsed = parse_multipart(*content_type, request.body);
  if (auto* e = std::get_if<MarketoError>(&parsed)) return reply(*e);
  const auto& parts = std::get<std::vector<FormPart>>(parsed);
  if (find_part(parts, "access_token"))
    return reply({"601", "Access token invalid: an access_token form field is not supported; send the "
                         "token in an 'Authorization: Bearer' header"});

  const auto program_id = parse_id(program);
  const auto known = program_id ? options_.programs.find(*program_id) : options_.programs.end();
  if (known == options_.programs.end()) return reply({"1003", "Program " + program + " not found"});
  const auto format_name = parameter(parts, target, "format");
  if (!format_name) return reply(missing("format"));
  const auto format = parse_format(*format_name);
  if (!format) return reply({"1003", "Invalid format '" + *format_name + "': use CSV, TSV or SSV"});
  const auto asked_status = parameter(parts, target, "programMemberStatus");
  if (!asked_status) return reply(missing("programMemberStatus"));
  const std::string* status = find_status(known->second, *asked_status);
  if (!status)
    return reply({"1003", "Invalid programMemberStatus '" + *asked_status + "' for program " + program +
                              ": use one of " + joined(known->second)});
  const FormPart* file = find_part(parts, "file");
  if (!file) return reply(missing("file"));
  if (file->data.size() >= options_.import_max_bytes)
    return reply({"1003", "File of " + std::to_string(file->data.size()) + " bytes is too large: an import "
                          "file must be smaller than " + std::to_string(options_.import_max_bytes) + " bytes"});

  ImportJob job;
  job.file = parse_delimited(file->data, import_delimiter(*format));
  if (job.file.rows.empty())
    return reply({"1003", job.file.error.empty() ? "The file is empty: it needs a header row of field names"
                                                 : "The header row cannot be read: " + job.file.error});
  auto columns = check_header(job.file.rows.front().cells);
  if (auto* e = std::get_if<MarketoError>(&columns)) return reply(*e);
  if (board_.full()) return reply({"1016", "Too many imports"});
  job.owner = client;
  job.program_id = *program_id;
  job.member_status = *status;
  job.format = *format;
  job.columns = std::move(std::get<ImportColumns>(columns));
  return import_reply(request_id, board_.add(std::move(job), now));
}

HttpResponse ImportDesk::result_file(const ImportJob& job, bool failures, const std::string& request_id) const {
  const char* what = failures ? "failures" : "warnings";
  if (job.active())
    return error_reply(request_id, {"1003", "Import batch " + std::to_string(job.batch_id) + " is " +
                                                std::string(import_status_name(job.status)) + ": its " + what +
                                                " are known once it is Complete"});
  HttpResponse r = text_reply(200, failures ? job.failures : job.warnings);
  r.headers.clear();
  r.headers.emplace_back("Content-Type", format_info(job.format).content_type);
  return r;
}

}  // namespace fake
