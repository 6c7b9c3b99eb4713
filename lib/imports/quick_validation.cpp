#include "imports/quick_validation.hpp"

#include <span>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include "imports/checked_file_buffer.hpp"
#include "imports/file_splitter.hpp"
#include "imports/header_check.hpp"
#include "imports/import_format.hpp"
#include "imports/part_plan.hpp"
#include "imports/text_checker.hpp"
#include "staging/file_ops.hpp"
#include "staging/staging.hpp"

namespace msync::imports {
namespace {

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
                                              const FieldCatalog& fields, std::uint64_t max_part_bytes) {
  const staging::detail::UniqueFd input(::open(file.c_str(), O_RDONLY | O_CLOEXEC));
  struct stat st {};
  if (input.get() < 0 || ::fstat(input.get(), &st) != 0 || !S_ISREG(st.st_mode)) return std::nullopt;
  PartPlanner planner(max_part_bytes);
  csv::ShapeCheck shape(import_delimiter(format), kMaxImportBytes, &planner);
  TextChecker text;
  staging::BackgroundSha256 digest;
  std::string head;
  std::optional<std::vector<std::string>> header;
  std::uint64_t bytes = 0;
  for (;;) {
    // Read into the hash's own slot: no copy of the file on this thread, the busier of the two.
    const std::span<char> buffer = digest.fill_buffer();
    const auto n = staging::detail::read_at(input.get(), file, bytes, buffer);
    if (!n) return std::nullopt;
    if (*n == 0) break;
    digest.commit(*n);
    const std::string_view piece(buffer.data(), *n);
    if (bytes == 0) head = piece.substr(0, kHeadBytes);  // the exact path's head, for check_header
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
  return ValidatedFile{std::move(*header), shape.records() - 1, bytes, digest.hex(), planner.finish(bytes)};
}

}  // namespace msync::imports
