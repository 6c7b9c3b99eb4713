#include <charconv>

#include "config/sections.hpp"

namespace msync::config::detail {

// listen: HOST:PORT, or [IPv6]:PORT. Port 0 asks the kernel for a free one (tests).
void read_health(YamlReader& reader, const Entry& entry, HealthSettings& out) {
  auto section = reader.section(entry, {"listen"});
  if (!section) return;
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
  out.host = host;
  out.port = static_cast<std::uint16_t>(port);
}

}  // namespace msync::config::detail
