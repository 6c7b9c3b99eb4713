#pragma once
// A routed answer, independent of the HTTP library that sends it.
#include <string>

namespace msync::health::detail {

struct Reply {
  unsigned status = 200;
  std::string content_type = "text/plain; charset=utf-8";
  std::string body;
  std::string allow;  // the Allow header, for 405
  std::string path = "other";  // the route, as the request counter labels it: never the raw target
};

}  // namespace msync::health::detail
