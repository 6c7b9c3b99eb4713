#pragma once
// Internal to lib/config: a whole small file, or the errno that stopped the read.
#include <cstddef>
#include <filesystem>
#include <string>
#include <variant>

namespace msync::config::detail {

// Files beyond max_size fail with EFBIG: configuration and credentials are small.
std::variant<std::string, int> read_file(const std::filesystem::path& path, std::size_t max_size);

}  // namespace msync::config::detail
