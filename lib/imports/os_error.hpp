#pragma once
// "<action> <path>: <strerror>" for the file steps of lib/imports; a full disk is transient (space
// may come back), the rest permanent.
#include <filesystem>
#include <string_view>

#include "core/core.hpp"

namespace msync::imports::detail {

core::Error os_error(std::string_view action, const std::filesystem::path& path, int err);

}  // namespace msync::imports::detail
