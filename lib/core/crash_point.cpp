#include "core/crash_point.hpp"

#include <csignal>
#include <cstdlib>
#include <set>
#include <string>

#include "core/log.hpp"

namespace msync::core {
namespace {

std::set<std::string, std::less<>> armed_points() {
  std::set<std::string, std::less<>> names;
  const char* armed = std::getenv("MSYNC_CRASH_AT");
  if (!armed) return names;
  std::string_view rest(armed);
  while (!rest.empty()) {
    const auto comma = rest.find(',');
    names.emplace(rest.substr(0, comma));
    rest = comma == std::string_view::npos ? std::string_view{} : rest.substr(comma + 1);
  }
  return names;
}

}  // namespace

void crash_point(std::string_view name) {
  static const auto armed = armed_points();
  if (armed.empty() || !armed.count(name)) return;
  logger("crash")->critical("crash point {} reached: killing the process (MSYNC_CRASH_AT)", name);
  logger("crash")->flush();
  std::raise(SIGKILL);
}

}  // namespace msync::core
