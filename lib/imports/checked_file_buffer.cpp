#include "imports/checked_file_buffer.hpp"

#include <cerrno>
#include <cstring>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <fmt/format.h>

#include "imports/file_splitter.hpp"

namespace msync::imports {
namespace {

constexpr std::size_t kChunk = kHeadBytes;
// Handed out but perhaps not yet parsed: this chunk and the reader's own 64 KiB buffer. A record
// is cut off only when it is certainly longer than an import file may be.
constexpr std::uint64_t kOverlong = kMaxImportBytes + 2 * kChunk;

core::Error cannot(std::string_view what, int err) {
  return core::make_error(fmt::format("cannot {} the file: {}", what, std::strerror(err)),
                          core::ErrorKind::permanent);
}

}  // namespace

CheckedFileBuffer::~CheckedFileBuffer() {
  if (fd_ >= 0) ::close(fd_);
}

core::Status CheckedFileBuffer::open(const std::filesystem::path& file) {
  fd_ = ::open(file.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd_ < 0) return cannot("open", errno);
  struct stat st {};
  if (::fstat(fd_, &st) != 0) return cannot("read", errno);
  // A FIFO would block the daemon, a directory reads as EISDIR: say it plainly instead.
  if (!S_ISREG(st.st_mode))
    return core::make_error("cannot read the file: it is not a regular file",
                            core::ErrorKind::permanent);
  chunk_.resize(kChunk);
  return {};
}

void CheckedFileBuffer::record_starts(std::uint64_t line) {
  record_start_bytes_ = bytes_;
  record_start_line_ = line;
}

CheckedFileBuffer::int_type CheckedFileBuffer::underflow() {
  if (gptr() < egptr()) return traits_type::to_int_type(*gptr());
  if (fd_ < 0 || read_error_ || overlong_record_) return traits_type::eof();
  if (bytes_ - record_start_bytes_ > kOverlong) {
    overlong_record_ = record_start_line_;
    return traits_type::eof();
  }
  ::ssize_t n = 0;
  do {
    n = ::read(fd_, chunk_.data(), chunk_.size());
  } while (n < 0 && errno == EINTR);
  if (n < 0) {
    read_error_ = cannot("read", errno).message;
    return traits_type::eof();
  }
  if (n == 0) {
    text_.finish();
    return traits_type::eof();
  }
  const std::string_view bytes(chunk_.data(), static_cast<std::size_t>(n));
  if (bytes_ == 0) head_ = bytes;
  bytes_ += bytes.size();
  sha256_.update(bytes);
  text_.feed(bytes);
  setg(chunk_.data(), chunk_.data(), chunk_.data() + n);
  return traits_type::to_int_type(chunk_[0]);
}

}  // namespace msync::imports
