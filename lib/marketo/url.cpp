#include "marketo/url.hpp"

#include <fmt/format.h>

namespace msync::marketo {

std::string percent_encode(std::string_view text) {
  std::string out;
  for (char c : text) {
    const auto u = static_cast<unsigned char>(c);
    const bool unreserved = (u >= 'A' && u <= 'Z') || (u >= 'a' && u <= 'z') ||
                            (u >= '0' && u <= '9') || u == '-' || u == '.' || u == '_' || u == '~';
    if (unreserved) {
      out.push_back(c);
    } else {
      out += fmt::format("%{:02X}", u);
    }
  }
  return out;
}

core::Result<SplitUrl> split_url(std::string_view url) {
  std::size_t scheme_end = url.find("://");
  const std::string_view scheme = scheme_end == std::string_view::npos ? "" : url.substr(0, scheme_end);
  if (scheme != "http" && scheme != "https") {
    return core::make_error(fmt::format("URL \"{}\" must start with https:// or http://", url),
                            core::ErrorKind::permanent);
  }
  const std::size_t authority_start = scheme_end + 3;
  const std::size_t path_start = url.find('/', authority_start);
  const std::string_view authority = url.substr(authority_start, path_start - authority_start);
  std::string_view path = path_start == std::string_view::npos ? "" : url.substr(path_start);
  while (!path.empty() && path.back() == '/') path.remove_suffix(1);
  if (authority.empty() || authority.find('@') != std::string_view::npos ||
      url.find_first_of("?# ") != std::string_view::npos) {
    return core::make_error(
        fmt::format("URL \"{}\" must be scheme://host[:port][/path] without user, query or fragment", url),
        core::ErrorKind::permanent);
  }
  return SplitUrl{std::string(url.substr(0, path_start == std::string_view::npos ? url.size() : path_start)),
                  std::string(path)};
}

}  // namespace msync::marketo
