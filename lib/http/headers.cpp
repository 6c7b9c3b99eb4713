// Header lookup for Response and DownloadResult: field names compare case-insensitively.
#include <algorithm>
#include <cctype>

#include "http/http.hpp"

namespace msync::http {
namespace {

bool same_name(std::string_view a, std::string_view b) {
  return std::ranges::equal(a, b, [](unsigned char x, unsigned char y) {
    return std::tolower(x) == std::tolower(y);
  });
}

std::string_view find_header(const Headers& headers, std::string_view name) {
  const auto it = std::ranges::find_if(headers, [&](const auto& h) { return same_name(h.first, name); });
  return it == headers.end() ? std::string_view{} : std::string_view{it->second};
}

}  // namespace

std::string_view Response::header(std::string_view name) const { return find_header(headers, name); }

std::string_view DownloadResult::header(std::string_view name) const {
  return find_header(headers, name);
}

}  // namespace msync::http
