#include <limits>

#include "config/sections.hpp"

namespace msync::config::detail {
namespace {

// scheme://authority, without a trailing slash; nothing fancier is needed to catch typos.
std::optional<std::string> read_url(YamlReader& reader, const Entry& entry) {
  auto url = reader.non_empty_string(entry);
  if (!url) return std::nullopt;
  while (url->ends_with('/')) url->pop_back();
  const bool http = url->starts_with("http://") || url->starts_with("https://");
  const auto host_start = url->find("://") + 3;
  if (!http || url->size() <= host_start || url->find_first_of(" \t") != std::string::npos) {
    reader.error(entry, entry.path + ": expected an http:// or https:// URL, got '" + *url + "'");
    return std::nullopt;
  }
  return url;
}

// Exactly one of `key` (the value) or `key_file` (a file holding it). Never echoes the value.
void read_credential(YamlReader& reader, const Section& section, const std::string& key,
                     std::string& out) {
  const std::string file_key = key + "_file";
  const Entry* entry = reader.one_of(section, key, file_key);
  if (!entry) {
    reader.error(section.position,
                 "missing key '" + key + "' (or '" + file_key + "') in " + section.path);
    return;
  }
  auto value =
      entry->key.Scalar() == key ? reader.non_empty_string(*entry) : reader.secret_file(*entry);
  if (value) out = std::move(*value);
}

// `none`, empty or null: no proxy, whatever the environment says. Else an http:// URL; the value
// is never echoed, since it may hold the proxy's password. The rest (port, host) is lib/http's to
// check; the daemon asks it at start-up and in check-config (daemon/proxy_settings.hpp).
std::optional<std::string> read_proxy(YamlReader& reader, const Entry& entry) {
  if (entry.value.IsNull()) return std::string();
  auto value = reader.string(entry);
  if (!value) return std::nullopt;
  if (value->empty() || *value == "none") return std::string();
  const bool http = value->starts_with("http://") && value->size() > 7;
  if (!http || value->find_first_of(" \t") != std::string::npos) {
    const std::string why = value->starts_with("https://") ? " (the proxy itself is spoken to in plain HTTP)" : "";
    reader.error(entry, entry.path + ": expected http://[USER:PASSWORD@]HOST[:PORT] or none" + why);
    return std::nullopt;
  }
  return value;
}

void read_limits(YamlReader& reader, const Entry& entry, Limits& out) {
  auto section = reader.section(
      entry, {"max_processing", "max_queued", "daily_export_bytes", "calls_per_20s"});
  if (!section) return;
  constexpr std::int64_t many = std::numeric_limits<int>::max();
  if (auto* e = section->find("max_processing")) {
    if (auto v = reader.integer(*e, 1, many)) out.max_processing = int(*v);
  }
  if (auto* e = section->find("max_queued")) {
    if (auto v = reader.integer(*e, 1, many)) out.max_queued = int(*v);
  }
  if (auto* e = section->find("daily_export_bytes")) {
    if (auto v = reader.size(*e)) out.daily_export_bytes = *v;
  }
  if (auto* e = section->find("calls_per_20s")) {
    if (auto v = reader.integer(*e, 1, many)) out.calls_per_20s = int(*v);
  }
  if (out.max_processing > out.max_queued) {
    const Entry* at = section->find("max_processing");
    reader.error(at ? reader.position(*at) : section->position,
                 entry.path + ": max_processing (" + std::to_string(out.max_processing) +
                     ") exceeds max_queued (" + std::to_string(out.max_queued) +
                     "), which counts processing jobs too");
  }
}

}  // namespace

void read_marketo(YamlReader& reader, const Entry& entry, MarketoSettings& out) {
  auto section = reader.section(
      entry, {"base_url", "identity_url", "client_id", "client_id_file", "client_secret",
              "client_secret_file", "ca_file", "proxy", "limits", "poll_interval", "import_poll_interval",
              "read_timeout"});
  if (!section) return;
  if (auto* e = reader.required(*section, "base_url")) {
    if (auto v = read_url(reader, *e)) out.base_url = *v;
  }
  if (auto* e = section->find("identity_url")) {
    if (auto v = read_url(reader, *e)) out.identity_url = *v;
  } else if (!out.base_url.empty()) {
    out.identity_url = out.base_url + "/identity";
  }
  read_credential(reader, *section, "client_id", out.client_id);
  read_credential(reader, *section, "client_secret", out.client_secret);
  if (auto* e = section->find("ca_file")) out.ca_file = reader.readable_file(*e);
  if (auto* e = section->find("proxy")) out.proxy = read_proxy(reader, *e);
  if (auto* e = section->find("limits")) read_limits(reader, *e, out.limits);
  if (auto* e = section->find("poll_interval")) {
    if (auto v = reader.duration(*e, core::Seconds{1}, core::Seconds{3600})) out.poll_interval = *v;
  }
  if (auto* e = section->find("import_poll_interval")) {
    if (auto v = reader.duration(*e, core::Seconds{5}, core::Seconds{30})) {
      out.import_poll_interval = *v;
    }
  }
  if (auto* e = section->find("read_timeout")) {
    if (auto v = reader.duration(*e, core::Seconds{1}, core::Seconds{600})) out.read_timeout = *v;
  }
}

}  // namespace msync::config::detail
