#include "support/paths.hpp"

#include <cstdlib>
#include <stdexcept>

namespace msync::test_support {
namespace {

std::string from_env_or(const char* name, const char* built) {
  if (const char* value = std::getenv(name); value != nullptr && *value != '\0') return value;
  if (built != nullptr) return built;
  throw std::runtime_error(std::string(name) + " is not set and this build knows no default");
}

}  // namespace

std::string fake_marketo_binary() {
#ifdef FAKE_MARKETO_BUILT
  return from_env_or("FAKE_MARKETO", FAKE_MARKETO_BUILT);
#else
  return from_env_or("FAKE_MARKETO", nullptr);
#endif
}

std::string syncd_binary() {
#ifdef MARKETO_SYNCD_BUILT
  return from_env_or("MARKETO_SYNCD", MARKETO_SYNCD_BUILT);
#else
  return from_env_or("MARKETO_SYNCD", nullptr);
#endif
}

std::string source_dir() { return from_env_or("MSYNC_SOURCE_DIR", MSYNC_SOURCE_DIR_BUILT); }

}  // namespace msync::test_support
