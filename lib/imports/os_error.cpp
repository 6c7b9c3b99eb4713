#include "imports/os_error.hpp"

#include <cerrno>
#include <cstring>

#include <fmt/format.h>

namespace msync::imports::detail {

core::Error os_error(std::string_view action, const std::filesystem::path& path, int err) {
  const bool transient = err == ENOSPC || err == EDQUOT;
  return core::make_error(fmt::format("{} {}: {}", action, path.string(), std::strerror(err)),
                          transient ? core::ErrorKind::transient : core::ErrorKind::permanent);
}

}  // namespace msync::imports::detail
