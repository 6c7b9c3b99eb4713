#include "imports/file_splitter.hpp"

#include <cerrno>
#include <string>
#include <string_view>
#include <vector>

#include <fcntl.h>
#include <unistd.h>

#include <fmt/format.h>

#include "imports/record_splitter.hpp"
#include "staging/file_ops.hpp"

namespace msync::imports {
namespace {

namespace fs_ops = staging::detail;

constexpr std::size_t kChunk = 1 << 20;

// Hands the file to `consume` chunk by chunk; the first error, from reading or from `consume`,
// ends it.
template <class Consume>
core::Status read_chunks(const std::filesystem::path& file, Consume&& consume) {
  fs_ops::UniqueFd fd(::open(file.c_str(), O_RDONLY | O_CLOEXEC));
  if (fd.get() < 0) return fs_ops::os_error("open", file, errno);
  std::vector<char> buffer(kChunk);
  for (;;) {
    const ::ssize_t n = ::read(fd.get(), buffer.data(), buffer.size());
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) return fs_ops::os_error("read", file, errno);
    if (n == 0) return {};
    if (auto status = consume(std::string_view(buffer.data(), static_cast<std::size_t>(n))); !status)
      return status;
  }
}

core::Result<std::uint64_t> count_records(const std::filesystem::path& file) {
  csv::RecordCounter counter;
  auto status = read_chunks(file, [&](std::string_view chunk) {
    counter.feed(chunk);
    return core::Status{};
  });
  if (!status) return status.error();
  return counter.data_records();
}

}  // namespace

core::Result<std::vector<FilePart>> split_import_file(const std::filesystem::path& file,
                                                      csv::Format format,
                                                      std::uint64_t max_part_bytes,
                                                      const std::filesystem::path& out_dir) {
  auto size = fs_ops::regular_file_size(file);
  if (!size) return size.error();
  if (!*size) return fs_ops::os_error("open", file, ENOENT);
  if (**size < max_part_bytes) {
    auto records = count_records(file);
    if (!records) return records.error();
    return std::vector<FilePart>{FilePart{file, *records, **size}};
  }
  if (auto status = fs_ops::ensure_directory(out_dir); !status) return status.error();
  RecordSplitter splitter(out_dir, format, max_part_bytes);
  if (auto status = read_chunks(file, [&](std::string_view chunk) { return splitter.feed(chunk); });
      !status)
    return status.error();
  return splitter.finish();
}

}  // namespace msync::imports
