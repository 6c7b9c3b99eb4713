#include "health/router.hpp"

#include <fmt/format.h>

namespace msync::health::detail {
namespace {

constexpr const char* json_type = "application/json";
constexpr const char* text_type = "text/plain; charset=utf-8";

Reply json(unsigned status, std::string body) {
  return Reply{status, json_type, std::move(body), {}, "other"};
}

Reply text(unsigned status, std::string body, std::string allow = {}) {
  return Reply{status, text_type, std::move(body), std::move(allow), "other"};
}

Reply readiness(const Endpoints& endpoints) {
  const Readiness now = endpoints.readiness ? endpoints.readiness() : Readiness{};
  if (now.ready) return json(200, "{\"ready\":true}");
  return json(503, "{\"ready\":false,\"reason\":" + json_string(now.reason) + "}");
}

Reply status(const Endpoints& endpoints) {
  if (!endpoints.status_json) return json(503, "{\"error\":\"status not available\"}");
  auto document = endpoints.status_json();
  if (!document) return json(503, "{\"error\":" + json_string(document.error().message) + "}");
  return json(200, std::move(document).value());
}

}  // namespace

std::string json_string(std::string_view text) {
  std::string out = "\"";
  for (unsigned char c : text) {
    if (c == '"') out += "\\\"";
    else if (c == '\\') out += "\\\\";
    else if (c == '\n') out += "\\n";
    else if (c == '\r') out += "\\r";
    else if (c == '\t') out += "\\t";
    else if (c < 0x20) out += fmt::format("\\u{:04x}", static_cast<unsigned>(c));
    else out += static_cast<char>(c);
  }
  return out + '"';
}

Reply route(std::string_view method, std::string_view target, const Endpoints& endpoints,
            const MetricsRegistry& metrics) {
  const std::string_view path = target.substr(0, target.find('?'));
  const bool known = path == "/livez" || path == "/readyz" || path == "/healthz" ||
                     path == "/status" || path == "/metrics";
  // Any target may land here, so the counter labels it "other", never with the target itself.
  if (!known) return text(404, "not found\n");
  Reply reply;
  if (method != "GET" && method != "HEAD")
    reply = text(405, "method not allowed\n", "GET, HEAD");
  else if (path == "/livez")
    reply = text(200, "ok");
  else if (path == "/status")
    reply = status(endpoints);
  else if (path == "/metrics")
    reply = Reply{200, "text/plain; version=0.0.4", metrics.render(), {}, "other"};
  else
    reply = readiness(endpoints);
  reply.path = std::string(path);
  return reply;
}

}  // namespace msync::health::detail
