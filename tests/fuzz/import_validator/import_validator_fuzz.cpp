// Any bytes, as an import file in any format: the validator never crashes, its reason is always
// text (it is written to a .reason file), its quick path (csv::ShapeCheck) vouches for exactly the
// files the record-by-record path accepts, with the same figures, and a file it accepts splits into
// parts that hold its records, byte for byte, each under the limit and starting with the header,
// the same parts whether the split reads the file or cuts it where the quick path planned.
#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "imports/imports.hpp"
#include "fuzz/fuzz_check.hpp"
#include "imports/quick_validation.hpp"
#include "imports/text_checker.hpp"

namespace {

using namespace msync;
using fuzz::require;

std::string read_all(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

const std::filesystem::path& scratch() {
  static const std::filesystem::path dir = [] {
    std::string pattern = (std::filesystem::temp_directory_path() / "msync-fuzz-XXXXXX").string();
    require(::mkdtemp(pattern.data()) != nullptr);
    return std::filesystem::path(pattern);
  }();
  return dir;
}

std::string joined_parts(const std::vector<imports::FilePart>& parts, std::string_view header, std::uint64_t max,
                         std::uint64_t& records) {
  std::string joined;
  for (const auto& part : parts) {
    const std::string bytes = read_all(part.path);
    require(bytes.size() == part.bytes);
    require(bytes.size() < max);
    require(std::string_view(bytes).substr(0, header.size()) == header);
    joined += bytes.substr(header.size());
    records += part.records;
  }
  return joined;
}

// The split, read record by record and cut as the quick validation planned, gives the same parts.
void check_split(const std::filesystem::path& file, std::string_view content, csv::Format format,
                 const imports::ValidatedFile& valid, std::uint64_t max, const std::optional<imports::PartPlan>& plan) {
  auto parts = imports::split_import_file(file, format, max, scratch() / "parts");
  auto planned = imports::split_import_file(file, format, max, scratch() / "planned", plan);
  require(parts.ok() == planned.ok());
  if (!parts) {  // a record too large for this limit: nothing to plan
    require(!plan);
    return;
  }
  require(plan.has_value());
  const std::size_t header_end = [&] {
    csv::RecordCounter counter;
    for (std::size_t i = 0; i < content.size(); ++i) {
      counter.feed(content.substr(i, 1));
      if (counter.records() == 1 && counter.at_record_boundary()) return i + 1;
    }
    return content.size();
  }();
  const std::string_view header = content.substr(0, header_end);
  std::uint64_t records = 0;
  std::uint64_t planned_records = 0;
  require(joined_parts(*parts, header, max, records) == content.substr(header.size()));
  require(records == valid.records);
  require(parts->size() == planned->size());
  for (std::size_t i = 0; i < parts->size(); ++i) {
    require((*parts)[i].path.filename() == (*planned)[i].path.filename());
    require((*parts)[i].records == (*planned)[i].records);
    require(read_all((*parts)[i].path) == read_all((*planned)[i].path));
  }
  (void)joined_parts(*planned, header, max, planned_records);
  require(planned_records == records);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  static const imports::FieldCatalog fields({"email", "firstName", "lastName", "company", "title"});
  const csv::Format format = data[0] % 3 == 0 ? csv::Format::csv
                             : data[0] % 3 == 1 ? csv::Format::tsv
                                                : csv::Format::ssv;
  const std::string_view content(reinterpret_cast<const char*>(data) + 1, size - 1);
  const auto file = scratch() / "input";
  {
    std::ofstream out(file, std::ios::binary | std::ios::trunc);
    out.write(content.data(), static_cast<std::streamsize>(content.size()));
  }
  const imports::Validation validation = imports::validate_import_file_exactly(file, format, fields);
  const std::uint64_t max_part_bytes = 1 + content.size() / 3;
  const auto quick = imports::validate_quickly(file, format, fields, max_part_bytes);
  if (const auto* accepted = std::get_if<imports::ValidatedFile>(&validation)) {
    require(quick && quick->header == accepted->header && quick->records == accepted->records &&
            quick->bytes == accepted->bytes && quick->sha256 == accepted->sha256);
  } else {
    require(!quick);
  }
  if (const auto* rejection = std::get_if<imports::Rejection>(&validation)) {
    const std::string reason = rejection->describe();
    require(!reason.empty());
    imports::TextChecker text;
    text.feed(reason);
    text.finish();
    require(!text.problem());
    return 0;
  }
  const auto& valid = std::get<imports::ValidatedFile>(validation);
  require(valid.bytes == content.size() && valid.records > 0);
  check_split(file, content, format, valid, max_part_bytes, quick->plan);
  return 0;
}
