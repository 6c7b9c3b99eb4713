#pragma once
// The little URL work the client needs: percent-encoding query values and splitting a configured
// URL into the origin an http::Client connects to and the path prefix requests start with.
#include <string>
#include <string_view>

#include "core/core.hpp"

namespace msync::marketo {

// RFC 3986: everything but unreserved characters becomes %XX.
std::string percent_encode(std::string_view text);

struct SplitUrl {
  std::string origin;       // scheme://host[:port]
  std::string path_prefix;  // "" or "/identity" (no trailing slash)
};

// http(s)://authority[/path]; no query, fragment or user info.
core::Result<SplitUrl> split_url(std::string_view url);

}  // namespace msync::marketo
