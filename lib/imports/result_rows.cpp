#include "imports/result_rows.hpp"

#include <cerrno>
#include <fstream>
#include <iterator>
#include <optional>
#include <string>
#include <string_view>

#include <fcntl.h>
#include <unistd.h>

#include "imports/os_error.hpp"

namespace msync::imports::detail {
namespace {

namespace fs = std::filesystem;

core::Result<std::string> read_whole(const fs::path& file) {
  std::ifstream in(file, std::ios::binary);
  if (!in) return os_error("open", file, errno != 0 ? errno : ENOENT);
  std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  if (in.bad()) return os_error("read", file, EIO);
  return text;
}

// Where the first record ends (just past its newline); npos when the text is one unended record.
std::size_t header_end(std::string_view text) {
  bool quoted = false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '"')
      quoted = !quoted;  // a doubled quote toggles twice
    else if (text[i] == '\n' && !quoted)
      return i + 1;
  }
  return std::string_view::npos;
}

// The merged file, opened when the first data row comes.
class Output {
 public:
  explicit Output(fs::path path) : path_(std::move(path)) {}
  Output(const Output&) = delete;
  Output& operator=(const Output&) = delete;
  ~Output() {
    if (fd_ >= 0) ::close(fd_);
  }

  bool is_open() const { return fd_ >= 0; }

  core::Status open() {
    fd_ = ::open(path_.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0640);
    if (fd_ < 0) return os_error("create", path_, errno);
    return {};
  }

  core::Status write(std::string_view bytes) {
    while (!bytes.empty()) {
      const ::ssize_t n = ::write(fd_, bytes.data(), bytes.size());
      if (n < 0 && errno == EINTR) continue;
      if (n < 0) return os_error("write", path_, errno);
      bytes.remove_prefix(static_cast<std::size_t>(n));
    }
    return {};
  }

  core::Status finish() {
    if (::fsync(fd_) != 0) return os_error("fsync", path_, errno);
    const int fd = fd_;
    fd_ = -1;
    if (::close(fd) != 0) return os_error("close", path_, errno);
    return {};
  }

 private:
  fs::path path_;
  int fd_ = -1;
};

}  // namespace

core::Result<bool> merge_result_rows(const std::vector<fs::path>& files, const fs::path& out) {
  Output output(out);
  std::optional<std::string> header;
  for (const fs::path& file : files) {
    auto text = read_whole(file);
    if (!text) return text.error();
    const std::size_t end = header_end(*text);
    if (end == std::string_view::npos) continue;  // a header alone, or nothing
    if (!header) header = text->substr(0, end);
    const std::string_view rows = std::string_view(*text).substr(end);
    if (rows.find_first_not_of("\r\n") == std::string_view::npos) continue;
    if (!output.is_open()) {
      if (auto s = output.open(); !s) return s.error();
      if (auto s = output.write(*header); !s) return s.error();
    }
    if (auto s = output.write(rows); !s) return s.error();
    if (rows.back() != '\n') {
      if (auto s = output.write("\n"); !s) return s.error();
    }
  }
  if (!output.is_open()) return false;
  if (auto s = output.finish(); !s) return s.error();
  return true;
}

}  // namespace msync::imports::detail
