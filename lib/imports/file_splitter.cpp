#include "imports/file_splitter.hpp"

#include <cerrno>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include <fcntl.h>
#include <unistd.h>

#include <fmt/format.h>

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

// Cuts the stream into records the way RecordCounter counts them: a quote toggles "inside a
// quoted field" (a doubled quote toggles twice), and a newline outside quotes ends a record. The
// file was validated, so this is exact; bytes are copied as they are, CR and all.
class Splitter {
 public:
  Splitter(std::filesystem::path out_dir, csv::Format format, std::uint64_t max_part_bytes)
      : out_dir_(std::move(out_dir)), format_(format), max_(max_part_bytes) {}

  core::Status feed(std::string_view chunk) {
    std::size_t start = 0;
    for (std::size_t i = 0; i < chunk.size(); ++i) {
      if (chunk[i] == '"') {
        in_quotes_ = !in_quotes_;
      } else if (chunk[i] == '\n') {
        ++line_;
        if (in_quotes_) continue;
        record_.append(chunk.substr(start, i + 1 - start));
        start = i + 1;
        if (auto status = take_record(); !status) return status;
        record_line_ = line_;
      }
    }
    record_.append(chunk.substr(start));
    // Fail as soon as the record in hand is too large, instead of holding all of it in memory.
    return fits() ? core::Status{} : too_large();
  }

  // The last record (it may lack a final newline), then the last part.
  core::Result<std::vector<FilePart>> finish() {
    if (!record_.empty())
      if (auto status = take_record(); !status) return status.error();
    if (auto status = commit_part(); !status) return status.error();
    if (auto status = fs_ops::fsync_directory(out_dir_); !status) return status.error();
    return std::move(parts_);
  }

 private:
  bool fits() const { return header_.size() + record_.size() < max_; }

  core::Error too_large() const {
    if (!have_header_)
      return core::make_error(
          fmt::format("line 1: the header row alone does not fit in a part under {} bytes", max_),
          core::ErrorKind::permanent);
    return core::make_error(
        fmt::format("line {}: the record does not fit in a part under {} bytes with the {}-byte "
                    "header row",
                    record_line_, max_, header_.size()),
        core::ErrorKind::permanent);
  }

  core::Status take_record() {
    if (!fits()) return too_large();
    if (!have_header_) {
      header_.swap(record_);
      have_header_ = true;
      return {};
    }
    if (!part_ || part_->bytes() + record_.size() >= max_) {
      if (auto status = start_part(); !status) return status;
    }
    if (auto status = part_->append(record_); !status) return status;
    ++part_records_;
    record_.clear();
    return {};
  }

  core::Status start_part() {
    if (auto status = commit_part(); !status) return status;
    const auto name = fmt::format("part-{:03}.{}", parts_.size() + 1, csv::extension(format_));
    auto part = SplitPartWriter::create(out_dir_ / name);
    if (!part) return part.error();
    part_ = std::move(*part);
    part_records_ = 0;
    return part_->append(header_);
  }

  core::Status commit_part() {
    if (!part_) return {};
    if (auto status = part_->commit(); !status) return status;
    parts_.push_back(FilePart{part_->path(), part_records_, part_->bytes()});
    part_.reset();
    return {};
  }

  std::filesystem::path out_dir_;
  csv::Format format_;
  std::uint64_t max_;
  bool in_quotes_ = false;
  std::uint64_t line_ = 1;         // the physical line being read
  std::uint64_t record_line_ = 1;  // where record_ starts
  std::string record_;             // the record being read, line end included
  std::string header_;
  bool have_header_ = false;
  std::unique_ptr<SplitPartWriter> part_;
  std::uint64_t part_records_ = 0;
  std::vector<FilePart> parts_;
};

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
  Splitter splitter(out_dir, format, max_part_bytes);
  if (auto status = read_chunks(file, [&](std::string_view chunk) { return splitter.feed(chunk); });
      !status)
    return status.error();
  return splitter.finish();
}

}  // namespace msync::imports
