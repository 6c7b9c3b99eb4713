#include "imports/split_part_writer.hpp"

#include <cerrno>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <fmt/format.h>

#include "staging/file_ops.hpp"

namespace msync::imports {
namespace {

namespace fs_ops = staging::detail;

constexpr std::size_t kFlushAt = 1 << 20;

}  // namespace

std::filesystem::path part_path(const std::filesystem::path& out_dir, std::size_t number, csv::Format format) {
  return out_dir / fmt::format("part-{:03}.{}", number, csv::extension(format));
}

core::Result<std::unique_ptr<SplitPartWriter>> SplitPartWriter::create(std::filesystem::path part) {
  std::filesystem::path temporary = part;
  temporary.replace_filename("." + part.filename().string() + ".tmp");
  // O_TRUNC: a temporary left by a crash is rewritten from scratch.
  fs_ops::UniqueFd fd(
      ::open(temporary.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, fs_ops::kFileMode));
  if (fd.get() < 0) return fs_ops::os_error("create", temporary, errno);
  if (::fchmod(fd.get(), fs_ops::kFileMode) != 0) {
    ::unlink(temporary.c_str());
    return fs_ops::os_error("chmod", temporary, errno);
  }
  return std::unique_ptr<SplitPartWriter>(
      new SplitPartWriter(std::move(part), std::move(temporary), fd.release()));
}

SplitPartWriter::SplitPartWriter(std::filesystem::path part, std::filesystem::path temporary,
                                 int fd)
    : part_(std::move(part)), temporary_(std::move(temporary)), fd_(fd) {}

SplitPartWriter::~SplitPartWriter() {
  if (fd_ >= 0) ::close(fd_);
  if (!committed_) ::unlink(temporary_.c_str());
}

core::Status SplitPartWriter::append(std::string_view bytes) {
  bytes_ += bytes.size();
  if (pending_.size() + bytes.size() < kFlushAt) {
    pending_.append(bytes);
    return {};
  }
  // Large pieces (the splitter hands over runs of whole records) go out without a copy, after
  // what is pending (the header, small pieces).
  if (auto status = flush(); !status) return status;
  return write(bytes);
}

core::Status SplitPartWriter::append_range(OpenFile from, std::uint64_t offset, std::uint64_t length) {
  if (auto status = flush(); !status) return status;
  bytes_ += length;
  return copy_range(from, offset, length, OpenFile{fd_, temporary_});
}

core::Status SplitPartWriter::flush() {
  auto status = write(pending_);
  pending_.clear();
  return status;
}

core::Status SplitPartWriter::write(std::string_view bytes) {
  std::uint64_t written = 0;
  return fs_ops::write_all(fd_, bytes, temporary_, written);
}

core::Status SplitPartWriter::commit() {
  if (auto status = flush(); !status) return status;
  const int fd = fd_;
  fd_ = -1;
  if (::close(fd) != 0) return fs_ops::os_error("close", temporary_, errno);
  if (auto status = fs_ops::rename_file(temporary_, part_); !status) return status;
  committed_ = true;
  return {};
}

}  // namespace msync::imports
