#include "staging/staged_name.hpp"

#include <fmt/format.h>

namespace msync::staging {
namespace {

constexpr std::size_t kMaxNamePart = 128;
constexpr std::size_t kMaxFileName = 255;

bool is_name_char(char c) {
  return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' ||
         c == '-';
}

// Shows a refused value without letting control bytes (NUL, newlines) into the logs.
std::string printable(std::string_view value) {
  std::string out;
  for (char c : value.substr(0, 64)) out += (c >= 0x20 && c < 0x7f) ? c : '?';
  if (value.size() > 64) out += "...";
  return out;
}

core::Error refused(std::string_view what, std::string_view value, std::string_view rule) {
  return core::make_error(fmt::format("{} '{}' is refused: {}", what, printable(value), rule),
                          core::ErrorKind::permanent);
}

}  // namespace

core::Status validate_name_part(std::string_view what, std::string_view value) {
  if (value.empty()) return refused(what, value, "it is empty");
  if (value.size() > kMaxNamePart)
    return refused(what, value, fmt::format("longer than {} characters", kMaxNamePart));
  for (char c : value)
    if (!is_name_char(c)) return refused(what, value, "only letters, digits, '_' and '-' are allowed");
  return {};
}

core::Status validate_file_name(std::string_view file_name) {
  constexpr std::string_view what = "staged file name";
  if (file_name.empty()) return refused(what, file_name, "it is empty");
  if (file_name.size() > kMaxFileName) return refused(what, file_name, "it is too long");
  if (file_name.front() == '.') return refused(what, file_name, "it starts with '.'");
  if (file_name.find("..") != std::string_view::npos) return refused(what, file_name, "it holds '..'");
  for (char c : file_name)
    if (!is_name_char(c) && c != '.')
      return refused(what, file_name, "only letters, digits, '_', '-' and '.' are allowed");
  return {};
}

core::Result<std::string> window_file_name(core::Timestamp start_at, core::Timestamp end_at,
                                           std::string_view export_id, csv::Format format,
                                           Compression compression) {
  if (auto valid = validate_name_part("exportId", export_id); !valid) return valid.error();
  return fmt::format("{}_{}_{}.{}{}", core::format_iso8601_basic(start_at),
                     core::format_iso8601_basic(end_at), export_id, csv::extension(format),
                     file_suffix(compression));
}

core::Result<std::string> snapshot_file_name(core::Timestamp run_at, std::string_view export_id,
                                             csv::Format format, Compression compression) {
  if (auto valid = validate_name_part("exportId", export_id); !valid) return valid.error();
  return fmt::format("{}_{}.{}{}", core::format_iso8601_basic(run_at), export_id,
                     csv::extension(format), file_suffix(compression));
}

std::string manifest_file_name(std::string_view file_name) {
  return fmt::format("{}.manifest.json", file_name);
}

}  // namespace msync::staging
