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

namespace msync::staging {
namespace {

constexpr std::size_t kRehashChunk = 1 << 20;

bool same_checksum(std::string_view a, std::string_view b) {
  return std::equal(a.begin(), a.end(), b.begin(), b.end(), [](char x, char y) {
    return std::tolower(static_cast<unsigned char>(x)) == std::tolower(static_cast<unsigned char>(y));
  });
}

}  // namespace

PartFile::PartFile(std::filesystem::path path, int fd, bool has_header)
    : path_(std::move(path)), fd_(fd), counter_(has_header) {}

PartFile::~PartFile() { ::close(fd_); }

core::Result<std::unique_ptr<PartFile>> PartFile::open(std::filesystem::path path,
                                                       bool has_header) {
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
  std::unique_ptr<PartFile> part(new PartFile(std::move(path), fd.release(), has_header));
  if (auto status = part->rehash_existing(static_cast<std::uint64_t>(st.st_size)); !status)
    return status.error();
  part->writeback_.restart_at(part->bytes_on_disk());
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
  return {};
}

core::Status PartFile::write(std::span<const char> bytes) {
  if (limit_ && bytes.size() > *limit_ - std::min(*limit_, bytes_on_disk())) {
    overflowed_ = true;
    return core::make_error(fmt::format("{}: the answer runs past the {} bytes announced (fileSize); refused",
                                        path_.string(), *limit_),
                            core::ErrorKind::permanent);
  }
  const std::string_view data(bytes.data(), bytes.size());
  std::uint64_t written = 0;
  const core::Status status = detail::write_all(fd_, data, path_, written);
  absorb(data.substr(0, static_cast<std::size_t>(written)));
  writeback_.wrote(fd_, bytes_on_disk());
  core::crash_point("export.mid_download");  // some bytes on disk, the rest still to come
  return status;
}

core::Status PartFile::restart() {
  if (::ftruncate(fd_, 0) != 0) return detail::os_error("truncate", path_, errno);
  writeback_.restart_at(0);
  counter_.reset();
  digest_.reset();
  overflowed_ = false;
  return {};
}

core::Status PartFile::sync() {
  if (::fsync(fd_) != 0) return detail::os_error("fsync", path_, errno);
  return {};
}

std::string PartFile::sha256() const { return "sha256:" + digest_.hex(); }

core::Status PartFile::verify(const ExpectedContent& expected) const {
  std::vector<std::string> problems;
  if (expected.bytes && *expected.bytes != bytes_on_disk())
    problems.push_back(fmt::format("holds {} bytes, Marketo announced {}", bytes_on_disk(),
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
