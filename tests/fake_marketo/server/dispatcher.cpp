#include "server/dispatcher.hpp"

#include <algorithm>
#include <charconv>
#include <cctype>
#include <cmath>

#include <fmt/format.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include "core/core.hpp"

namespace fake {
namespace {

// Marketo's call limits (606, 615) and outages cover every API call: bulk, identity and REST alike.
bool faultable(std::string_view path) {
  return path.starts_with("/bulk/") || path.starts_with("/identity/") || path.starts_with("/rest/");
}

HttpResponse text(unsigned status, std::string body, std::string type = "text/plain") {
  HttpResponse r;
  r.status = status;
  r.headers.emplace_back("Content-Type", std::move(type));
  r.body = std::move(body);
  return r;
}

HttpResponse ok_json(std::string_view what) {
  return text(200, fmt::format("{{\"success\":true,\"done\":\"{}\"}}\n", what), "application/json");
}

// The value of `key` in the query of `target`, if present.
std::optional<std::string_view> query_value(std::string_view target, std::string_view key) {
  const auto q = target.find('?');
  if (q == std::string_view::npos) return std::nullopt;
  std::string_view query = target.substr(q + 1);
  while (!query.empty()) {
    const auto amp = query.find('&');
    const auto pair = query.substr(0, amp);
    const auto eq = pair.find('=');
    if (eq != std::string_view::npos && pair.substr(0, eq) == key) return pair.substr(eq + 1);
    if (amp == std::string_view::npos) break;
    query.remove_prefix(amp + 1);
  }
  return std::nullopt;
}

// The exportId in /bulk/v1/leads/export/{id}/<action>.json ("" for other paths).
std::string export_id_of(std::string_view path) {
  constexpr std::string_view prefix = "/bulk/v1/leads/export/";
  if (!path.starts_with(prefix)) return {};
  path.remove_prefix(prefix.size());
  return std::string(path.substr(0, path.find('/')));
}

std::string utc_now_iso() {
  const auto t = std::chrono::floor<std::chrono::milliseconds>(std::chrono::system_clock::now());
  const auto seconds = std::chrono::floor<std::chrono::seconds>(t);
  auto iso = msync::core::format_iso8601(seconds);  // ...:SSZ
  iso.pop_back();
  return iso + fmt::format(".{:03}Z", (t - seconds).count());
}

}  // namespace

std::string_view target_path(std::string_view target) {
  return target.substr(0, target.find('?'));
}

SimTime Dispatcher::now() {
  // The simulator wants time that never runs backwards, even if the system clock is stepped.
  const auto real = std::chrono::floor<std::chrono::milliseconds>(std::chrono::system_clock::now());
  last_now_ = std::max(last_now_, SimTime{real.time_since_epoch()});
  return last_now_;
}

FaultDecision Dispatcher::plan(const HttpRequest& request) {
  if (!faultable(target_path(request.target))) return {};
  return faults_.draw(target_path(request.target));
}

Answer Dispatcher::respond(const HttpRequest& request, const FaultDecision& decision,
                           bool loopback_peer) {
  Answer answer;
  answer.faults = decision.names;
  if (target_path(request.target).starts_with("/admin/")) {
    answer.response = admin(request, loopback_peer);
    return answer;
  }
  const std::string export_id = export_id_of(target_path(request.target));
  if (decision.expire_tokens) simulator_.expire_tokens();
  if (decision.file_gone) simulator_.expire_export_file(export_id);
  if (decision.replace) {
    answer.response = fault_answer(*decision.replace);
    return answer;
  }
  answer.response = simulator_.handle(request, now());
  if (decision.fail_job && answer.response.status == 200 && answer.response.marketo_error.empty())
    simulator_.fail_export(export_id);
  if (answer.response.file) {
    answer.cut_after = decision.cut_after;
  } else if (decision.malformed && !answer.response.body.empty()) {
    // Half a document: what a proxy that dropped the connection's tail would leave.
    answer.response.body.resize(answer.response.body.size() / 2);
  }
  if (auto spoiled = misbehaviour_.apply(request, answer.response, answer.raw); !spoiled.empty())
    answer.faults += answer.faults.empty() ? spoiled : "," + spoiled;
  return answer;
}

HttpResponse Dispatcher::fault_answer(FaultKind kind) {
  ++fault_answers_;
  if (kind == FaultKind::server_error) {
    const unsigned status = faults_.server_error_status();
    const char* reason = status == 502 ? "Bad Gateway" : "Service Temporarily Unavailable";
    return text(status,
                fmt::format("<html>\r\n<head><title>{0} {1}</title></head>\r\n<body>\r\n<center><h1>{0} "
                            "{1}</h1></center>\r\n</body>\r\n</html>\r\n",
                            status, reason),
                "text/html");
  }
  std::string code = "615";
  std::string message = "Concurrent access limit reached";
  if (kind == FaultKind::rate_limit) {
    code = "606";
    message = "Max rate limit '100' exceeded with in '20' secs";
  } else if (kind == FaultKind::quota) {
    code = "1029";
    message = "Export daily quota exceeded";
  }
  auto r = text(200,
                fmt::format("{{\"requestId\":\"fault#{}\",\"success\":false,\"errors\":[{{\"code\":\"{}\","
                            "\"message\":\"{}\"}}]}}",
                            fault_answers_, code, message),
                "application/json;charset=UTF-8");
  r.marketo_error = code;
  return r;
}

HttpResponse Dispatcher::admin(const HttpRequest& request, bool loopback_peer) {
  if (!loopback_peer) return text(403, "admin endpoints answer loopback peers only\n");
  const auto path = target_path(request.target);
  const bool post = request.method == "POST";
  if (path == "/admin/requests") {
    if (request.method != "GET") return text(405, "use GET\n");
    return text(200, log_.json_lines(), "application/x-ndjson");
  }
  if (path == "/admin/program-members") {
    if (request.method != "GET") return text(405, "use GET\n");
    return program_members(request.target);
  }
  if (path != "/admin/faults" && path != "/admin/expire-tokens" && path != "/admin/exhaust-quota" &&
      path != "/admin/advance-clock")
    return text(404, "unknown admin endpoint\n");
  if (!post) return text(405, "use POST\n");
  if (path == "/admin/faults") {
    auto spec = parse_fault_spec(request.body);
    if (!spec) return text(400, spec.error().message + "\n");
    faults_.set_spec(std::move(*spec));
    return ok_json("faults");
  }
  if (path == "/admin/expire-tokens") {
    simulator_.expire_tokens();
    return ok_json("expire-tokens");
  }
  if (path == "/admin/exhaust-quota") {
    simulator_.exhaust_quota();
    return ok_json("exhaust-quota");
  }
  const auto seconds_text = query_value(request.target, "seconds");
  double seconds = -1;
  if (seconds_text) {
    const auto [end, ec] =
        std::from_chars(seconds_text->data(), seconds_text->data() + seconds_text->size(), seconds);
    if (ec != std::errc{} || end != seconds_text->data() + seconds_text->size()) seconds = -1;
  }
  if (!(seconds >= 0 && seconds < 1e9))
    return text(400, "advance-clock wants ?seconds=N with N a non-negative number\n");
  simulator_.advance_clock(std::chrono::milliseconds{std::llround(seconds * 1000)});
  return ok_json("advance-clock");
}

HttpResponse Dispatcher::program_members(const std::string& target) {
  const auto id_text = query_value(target, "programId");
  std::int64_t id = 0;
  if (!id_text || std::from_chars(id_text->data(), id_text->data() + id_text->size(), id).ptr !=
                      id_text->data() + id_text->size())
    return text(400, "program-members wants ?programId=N\n");
  rapidjson::StringBuffer out;
  rapidjson::Writer<rapidjson::StringBuffer> w(out);
  w.StartObject();
  w.Key("programId"); w.Int64(id);
  w.Key("members"); w.StartArray();
  for (const auto& member : simulator_.program_members(id, now())) {
    w.StartObject();
    w.Key("email"); w.String(member.email.c_str());
    w.Key("status"); w.String(member.status.c_str());
    w.Key("imports"); w.Uint(member.imports);
    w.EndObject();
  }
  w.EndArray();
  w.EndObject();
  return text(200, std::string(out.GetString(), out.GetSize()) + "\n", "application/json");
}

void Dispatcher::record(const HttpRequest& request, const Answer& answer,
                        std::uint64_t body_bytes_sent) {
  RequestRecord r;
  r.time = utc_now_iso();
  r.method = request.method;
  r.target = request.target;
  r.status = answer.response.status;
  r.marketo_error = answer.response.marketo_error;
  r.authorization = std::any_of(request.headers.begin(), request.headers.end(), [](const auto& h) {
    return h.first.size() == 13 && std::equal(h.first.begin(), h.first.end(), "authorization",
                                              [](char a, char b) { return std::tolower(a) == b; });
  });
  r.bytes = body_bytes_sent;
  r.faults = answer.faults;
  if (const auto& queue = answer.response.export_queue) {
    r.processing = queue->processing;
    r.queued = queue->queued;
  }
  log_.append(std::move(r));
}

}  // namespace fake
