#include "imports/quick_validation.hpp"

#include <cerrno>
#include <memory>
#include <span>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include "imports/file_splitter.hpp"
#include "imports/header_check.hpp"
#include "imports/import_format.hpp"
#include "imports/text_checker.hpp"
#include "staging/staging.hpp"

namespace msync::imports {
namespace {

// What the exact path keeps as the file's head for check_header: the same bytes, the same answer.
constexpr std::size_t kHeadBytes = 64 * 1024;

class ReadOnlyFile {
 public:
  explicit ReadOnlyFile(const std::filesystem::path& path) : fd_(::open(path.c_str(), O_RDONLY | O_CLOEXEC)) {}
  ~ReadOnlyFile() {
    if (fd_ >= 0) ::close(fd_);
  }
  ReadOnlyFile(const ReadOnlyFile&) = delete;
  ReadOnlyFile& operator=(const ReadOnlyFile&) = delete;

  bool is_regular() const {
    struct stat st {};
    return fd_ >= 0 && ::fstat(fd_, &st) == 0 && S_ISREG(st.st_mode);
  }
  // Bytes read into `into`, 0 at the end, -1 on an error.
  ::ssize_t read(char* into, std::size_t size) const {
    ::ssize_t n = 0;
    do {
      n = ::read(fd_, into, size);
    } while (n < 0 && errno == EINTR);
    return n;
  }

 private:
  int fd_;
};

// The header's names when the first record (which ends `header_bytes` into `head`) passes
// check_header.
std::optional<std::vector<std::string>> header_names(std::string_view head, std::uint64_t header_bytes,
                                                     csv::Format format, const FieldCatalog& fields) {
  if (header_bytes > head.size()) return std::nullopt;
  csv::RecordReader reader(head.substr(0, header_bytes), import_delimiter(format));
  csv::Record record;
  auto read = reader.next(record);
  if (!read || !*read || check_header(record, format, fields, head)) return std::nullopt;
  std::vector<std::string> names;
  for (csv::Field& field : record.fields) names.push_back(std::move(field.value));
  return names;
}

}  // namespace

std::optional<ValidatedFile> validate_quickly(const std::filesystem::path& file, csv::Format format,
                                              const FieldCatalog& fields) {
  ReadOnlyFile input(file);
  if (!input.is_regular()) return std::nullopt;
  csv::ShapeCheck shape(import_delimiter(format), kMaxImportBytes);
  TextChecker text;
  staging::BackgroundSha256 digest;
  std::string head;
  std::optional<std::vector<std::string>> header;
  std::uint64_t bytes = 0;
  for (;;) {
    // Read into the hash's own slot: no copy of the file on this thread, the busier of the two.
    const std::span<char> buffer = digest.fill_buffer();
    const ::ssize_t n = input.read(buffer.data(), buffer.size());
    if (n < 0) return std::nullopt;
    if (n == 0) break;
    digest.commit(static_cast<std::size_t>(n));
    const std::string_view piece(buffer.data(), static_cast<std::size_t>(n));
    if (bytes == 0) head = piece.substr(0, kHeadBytes);
    bytes += piece.size();
    text.feed(piece);
    shape.feed(piece);
    if (text.problem() || shape.in_doubt()) return std::nullopt;
    if (!header && shape.records() > 0) {
      header = header_names(head, shape.first_record_bytes(), format, fields);
      if (!header) return std::nullopt;
    }
  }
  text.finish();
  shape.finish();
  if (text.problem() || shape.in_doubt() || !header || shape.records() < 2) return std::nullopt;
  return ValidatedFile{std::move(*header), shape.records() - 1, bytes, digest.hex()};
}

}  // namespace msync::imports
