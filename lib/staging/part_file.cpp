#include "staging/part_file.hpp"

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <string_view>
#include <vector>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <fmt/format.h>

#include "staging/file_ops.hpp"
#include "staging/frame_codec.hpp"
#include "staging/frame_scan.hpp"

namespace msync::staging {
namespace {

constexpr std::size_t kRehashChunk = 1 << 20;

bool same_checksum(std::string_view a, std::string_view b) {
  return std::equal(a.begin(), a.end(), b.begin(), b.end(), [](char x, char y) {
    return std::tolower(static_cast<unsigned char>(x)) == std::tolower(static_cast<unsigned char>(y));
  });
}

}  // namespace

PartFile::PartFile(std::filesystem::path path, int fd, PartOptions options)
    : path_(std::move(path)),
      fd_(fd),
      options_(options),
      encoder_(options.compression == Compression::none ? nullptr
                                                        : detail::make_encoder(options.compression)),
      counter_(options.has_header) {}

PartFile::~PartFile() {
  // A cut connection or a shutdown ends the sink between writes: completing the frame keeps every
  // byte received. If that fails, the reopen finds a torn frame and fetches its bytes again.
  if (encoder_ && !broken_ && frame_raw_ > 0) (void)end_frame();
  ::close(fd_);
}

core::Result<std::unique_ptr<PartFile>> PartFile::open(std::filesystem::path path, PartOptions options) {
  // O_APPEND: every write lands at the end, which is exactly the resume offset.
  detail::UniqueFd fd(
      ::open(path.c_str(), O_RDWR | O_CREAT | O_APPEND | O_CLOEXEC, detail::kFileMode));
  if (fd.get() < 0) return detail::os_error("open", path, errno);
  struct stat st {};
  if (::fstat(fd.get(), &st) != 0) return detail::os_error("stat", path, errno);
  if (!S_ISREG(st.st_mode))
    return core::make_error(fmt::format("{} is not a regular file", path.string()),
                            core::ErrorKind::permanent);
  if (::fchmod(fd.get(), detail::kFileMode) != 0) return detail::os_error("chmod", path, errno);
  if (options.frame_raw_bytes == 0) options.frame_raw_bytes = 1;
  std::unique_ptr<PartFile> part(new PartFile(std::move(path), fd.release(), options));
  const auto size = static_cast<std::uint64_t>(st.st_size);
  auto status = part->encoder_ ? part->recover_frames(size) : part->rehash_existing(size);
  if (!status) return status.error();
  part->writeback_.restart_at(part->stored_);
  return part;
}

void PartFile::absorb(std::string_view bytes) {
  if (bytes.empty()) return;
  digest_.update(bytes);
  counter_.feed(bytes);
}

core::Status PartFile::rehash_existing(std::uint64_t size) {
  std::vector<char> buffer(static_cast<std::size_t>(std::min<std::uint64_t>(size, kRehashChunk)));
  std::uint64_t offset = 0;
  while (offset < size) {
    const auto want = static_cast<std::size_t>(std::min<std::uint64_t>(size - offset, buffer.size()));
    const ::ssize_t n = ::pread(fd_, buffer.data(), want, static_cast<off_t>(offset));
    if (n < 0) {
      if (errno == EINTR) continue;
      return detail::os_error("read", path_, errno);
    }
    if (n == 0) break;  // shrank under us: what we hashed is what is there
    absorb(std::string_view(buffer.data(), static_cast<std::size_t>(n)));
    offset += static_cast<std::uint64_t>(n);
  }
  stored_ = offset;
  return {};
}

core::Status PartFile::recover_frames(std::uint64_t size) {
  auto scan = detail::scan_frames(fd_, path_, size, options_.compression,
                                  [this](std::string_view raw) { absorb(raw); });
  if (!scan) return scan.error();
  if (scan->torn_tail) {
    if (::ftruncate(fd_, static_cast<off_t>(scan->stored_end)) != 0) return detail::os_error("truncate", path_, errno);
    if (scan->damage.empty())
      core::logger("staging")->info("{}: cut a torn last frame ({} bytes) after {} complete frames; resuming at "
                                    "raw byte {}",
                                    path_.string(), size - scan->stored_end, scan->frames, scan->raw_bytes);
    else
      core::logger("staging")->warn("{}: damaged: {}; cut {} bytes after {} complete frames, resuming at raw "
                                    "byte {}",
                                    path_.string(), scan->damage, size - scan->stored_end, scan->frames,
                                    scan->raw_bytes);
  }
  stored_ = scan->stored_end;
  return {};
}

core::Status PartFile::append_stored(std::string_view bytes, std::uint64_t& written) {
  const core::Status status = detail::write_all(fd_, bytes, path_, written);
  stored_ += written;
  writeback_.wrote(fd_, stored_);
  return status;
}

core::Status PartFile::end_frame() {
  out_.clear();
  std::uint64_t written = 0;
  core::Status status = encoder_->end_frame(out_);
  if (status) status = append_stored(out_, written);
  if (!status) broken_ = true;
  frame_raw_ = 0;
  return status;
}

core::Status PartFile::write(std::span<const char> bytes) {
  if (limit_ && bytes.size() > *limit_ - std::min(*limit_, raw_bytes())) {
    overflowed_ = true;
    return core::make_error(fmt::format("{}: the answer runs past the {} bytes announced (fileSize); refused",
                                        path_.string(), *limit_),
                            core::ErrorKind::permanent);
  }
  const std::string_view data(bytes.data(), bytes.size());
  std::uint64_t written = 0;
  core::Status status;
  if (!encoder_) {
    status = append_stored(data, written);
    absorb(data.substr(0, static_cast<std::size_t>(written)));
  } else if (broken_) {
    return core::make_error(fmt::format("{}: an earlier write failed; reopen the file to resume", path_.string()));
  } else {
    out_.clear();
    status = encoder_->compress(data, out_);
    frame_raw_ += data.size();
    if (status && frame_raw_ >= options_.frame_raw_bytes) {
      status = encoder_->end_frame(out_);
      frame_raw_ = 0;
    }
    if (status) status = append_stored(out_, written);
    // Counted only once on disk, so that raw_bytes() (recorded as download progress) never runs
    // ahead of the file; a failed write leaves the stream broken until reopened and rescanned.
    if (status)
      absorb(data);
    else
      broken_ = true;
  }
  core::crash_point("export.mid_download");  // some bytes on disk, the rest still to come
  return status;
}

core::Status PartFile::restart() {
  if (::ftruncate(fd_, 0) != 0) return detail::os_error("truncate", path_, errno);
  writeback_.restart_at(0);
  counter_.reset();
  digest_.reset();
  if (encoder_) encoder_->reset();
  stored_ = 0;
  frame_raw_ = 0;
  broken_ = false;
  overflowed_ = false;
  return {};
}

core::Status PartFile::sync() {
  if (broken_) return core::make_error(fmt::format("{}: an earlier write failed; reopen the file to resume", path_.string()));
  if (encoder_ && frame_raw_ > 0) {
    if (auto ended = end_frame(); !ended) return ended;
  }
  if (::fsync(fd_) != 0) return detail::os_error("fsync", path_, errno);
  return {};
}

std::string PartFile::sha256() const { return "sha256:" + digest_.hex(); }

core::Status PartFile::verify(const ExpectedContent& expected) const {
  std::vector<std::string> problems;
  if (expected.bytes && *expected.bytes != raw_bytes())
    problems.push_back(fmt::format("holds {} bytes, Marketo announced {}", raw_bytes(),
                                   *expected.bytes));
  if (expected.sha256) {
    const std::string actual = sha256();
    if (!same_checksum(*expected.sha256, actual))
      problems.push_back(fmt::format("checksum is {}, Marketo announced {}", actual,
                                     *expected.sha256));
  }
  if (expected.records && *expected.records != records())
    problems.push_back(fmt::format("holds {} records, Marketo announced {}", records(),
                                   *expected.records));
  if (problems.empty()) return {};
  return core::make_error(
      fmt::format("{} does not match its export: {}", path_.string(), fmt::join(problems, "; ")));
}

}  // namespace msync::staging
