#include "imports/file_splitter.hpp"

#include <cerrno>
#include <string>
#include <string_view>
#include <vector>

#include <fcntl.h>
#include <unistd.h>

#include <fmt/format.h>

#include "imports/range_copy.hpp"
#include "imports/record_splitter.hpp"
#include "imports/split_part_writer.hpp"
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

std::uint64_t records_in(const PartPlan& plan) {
  std::uint64_t records = 0;
  for (const PartRange& part : plan.parts) records += part.records;
  return records;
}

core::Result<std::vector<FilePart>> cut_as_planned(const std::filesystem::path& file, csv::Format format,
                                                   const PartPlan& plan, const std::filesystem::path& out_dir) {
  fs_ops::UniqueFd fd(::open(file.c_str(), O_RDONLY | O_CLOEXEC));
  if (fd.get() < 0) return fs_ops::os_error("open", file, errno);
  const OpenFile source{fd.get(), file};
  std::string header(static_cast<std::size_t>(plan.header_bytes), '\0');
  if (auto status = read_exactly(source, 0, header); !status) return status.error();
  std::vector<FilePart> parts;
  for (const PartRange& range : plan.parts) {
    auto part = SplitPartWriter::create(part_path(out_dir, parts.size() + 1, format));
    if (!part) return part.error();
    SplitPartWriter& writer = **part;
    if (auto status = writer.append(header); !status) return status.error();
    if (auto status = writer.append_range(source, range.begin, range.end - range.begin); !status)
      return status.error();
    if (auto status = writer.commit(); !status) return status.error();
    parts.push_back(FilePart{writer.path(), range.records, writer.bytes()});
  }
  return parts;
}

}  // namespace

core::Result<std::vector<FilePart>> split_import_file(const std::filesystem::path& file,
                                                      csv::Format format,
                                                      std::uint64_t max_part_bytes,
                                                      const std::filesystem::path& out_dir,
                                                      const std::optional<PartPlan>& plan) {
  auto size = fs_ops::regular_file_size(file);
  if (!size) return size.error();
  if (!*size) return fs_ops::os_error("open", file, ENOENT);
  const bool planned = plan && plan->file_bytes == **size && plan->max_part_bytes == max_part_bytes;
  if (**size < max_part_bytes) {
    if (planned) return std::vector<FilePart>{FilePart{file, records_in(*plan), **size}};
    auto records = count_records(file);
    if (!records) return records.error();
    return std::vector<FilePart>{FilePart{file, *records, **size}};
  }
  if (auto status = fs_ops::ensure_directory(out_dir); !status) return status.error();
  if (planned) return cut_as_planned(file, format, *plan, out_dir);
  RecordSplitter splitter(out_dir, format, max_part_bytes);
  if (auto status = read_chunks(file, [&](std::string_view chunk) { return splitter.feed(chunk); });
      !status)
    return status.error();
  return splitter.finish();
}

}  // namespace msync::imports
