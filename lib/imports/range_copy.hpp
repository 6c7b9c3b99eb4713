#pragma once
// Copies a byte range of one open file to another at its current offset: in the kernel with
// copy_file_range (the bytes never pass through this process), or, where the kernel or the file
// system cannot (an old kernel, EXDEV, EINVAL, EOPNOTSUPP), by pread and write. A source that
// ends before the range does is an error naming both files: the file changed under us.
// Private to lib/imports.
#include <cstdint>
#include <filesystem>
#include <string>

#include "core/core.hpp"

namespace msync::imports {

struct OpenFile {
  int fd = -1;
  const std::filesystem::path& path;  // for error messages
};

enum class CopyMethod { in_kernel, by_reading };

core::Status copy_range(OpenFile from, std::uint64_t offset, std::uint64_t length, OpenFile to,
                        CopyMethod method = CopyMethod::in_kernel);

// Exactly `bytes.size()` bytes from `offset`, by pread.
core::Status read_exactly(OpenFile from, std::uint64_t offset, std::string& bytes);

}  // namespace msync::imports
