#include <arpa/inet.h>

#include <charconv>
#include <cstring>

#include "config/sections.hpp"

namespace msync::config::detail {
namespace {

enum class HostKind { invalid, loopback, remote };

// An IP address literal only: a name would be looked up, and could resolve anywhere.
HostKind classify(const std::string& host) {
  unsigned char bytes[16];
  if (::inet_pton(AF_INET, host.c_str(), bytes) == 1)
    return bytes[0] == 127 ? HostKind::loopback : HostKind::remote;
  if (::inet_pton(AF_INET6, host.c_str(), bytes) != 1) return HostKind::invalid;
  static constexpr unsigned char ipv6_loopback[16] = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1};
  return std::memcmp(bytes, ipv6_loopback, sizeof bytes) == 0 ? HostKind::loopback : HostKind::remote;
}

}  // namespace

// listen: HOST:PORT, or [IPv6]:PORT. Port 0 asks the kernel for a free one (tests). A host that is
// not loopback needs allow_remote: true.
void read_health(YamlReader& reader, const Entry& entry, HealthSettings& out) {
  auto section = reader.section(entry, {"listen", "allow_remote"});
  if (!section) return;
  if (const Entry* allow = section->find("allow_remote")) {
    if (auto value = reader.boolean(*allow)) out.allow_remote = *value;
  }
  const Entry* listen = section->find("listen");
  if (!listen) return;
  auto text = reader.non_empty_string(*listen);
  if (!text) return;
  const auto colon = text->rfind(':');
  std::string host = colon == std::string::npos ? std::string() : text->substr(0, colon);
  if (host.size() >= 2 && host.front() == '[' && host.back() == ']')
    host = host.substr(1, host.size() - 2);
  unsigned port = 0;
  const char* begin = colon == std::string::npos ? nullptr : text->data() + colon + 1;
  const char* end = text->data() + text->size();
  const bool port_ok =
      begin && begin != end && std::from_chars(begin, end, port).ptr == end && port <= 65535;
  if (host.empty() || !port_ok) {
    reader.error(*listen,
                 listen->path + ": expected HOST:PORT such as 127.0.0.1:9465, got '" + *text + "'");
    return;
  }
  const HostKind kind = classify(host);
  if (kind == HostKind::invalid) {
    reader.error(*listen, listen->path + ": '" + host +
                              "' is not an IP address (names are not looked up; use 127.0.0.1 or ::1)");
    return;
  }
  if (kind == HostKind::remote && !out.allow_remote) {
    reader.error(*listen, listen->path + ": " + host +
                              " is not a loopback address, and /status and /metrics are not "
                              "authenticated (set health.allow_remote: true to listen on it anyway)");
    return;
  }
  out.host = host;
  out.port = static_cast<std::uint16_t>(port);
}

}  // namespace msync::config::detail
