#include "marketo/import_upload.hpp"

#include <fmt/format.h>

#include <algorithm>

#include "marketo/answer_parser.hpp"
#include "marketo/call_failures.hpp"
#include "marketo/export_spec.hpp"

namespace msync::marketo {
namespace {

struct FileType {
  std::string_view content_type;
  std::string_view fallback_name;
};

// Marketo's import SSV is semicolon-separated: no registered media type, so plain text.
FileType file_type(ExportFormat format) {
  switch (format) {
    case ExportFormat::csv: return {"text/csv", "import.csv"};
    case ExportFormat::tsv: return {"text/tab-separated-values", "import.tsv"};
    case ExportFormat::ssv: return {"text/plain", "import.txt"};
  }
  return {"text/plain", "import.txt"};
}

bool has_control(std::string_view text) {
  return std::any_of(text.begin(), text.end(), [](char c) {
    const auto u = static_cast<unsigned char>(c);
    return u < 0x20 || u == 0x7f;
  });
}

bool has_non_ascii(std::string_view text) {
  return std::any_of(text.begin(), text.end(),
                     [](char c) { return static_cast<unsigned char>(c) >= 0x80; });
}

}  // namespace

Outcome<MultipartBody> import_upload_body(std::string_view endpoint, const ImportUpload& upload,
                                          const std::function<std::string()>& make_boundary) {
  if (upload.program_id <= 0) {
    return invalid_argument(endpoint,
                            fmt::format("program id {} is not a positive id", upload.program_id));
  }
  const auto format = parse_format(upload.format);
  if (!format) {
    return invalid_argument(endpoint, fmt::format("format \"{}\" is not CSV, TSV or SSV",
                                                  printable(upload.format, 20)));
  }
  if (upload.program_member_status.empty() || has_control(upload.program_member_status)) {
    return invalid_argument(endpoint, fmt::format("programMemberStatus \"{}\" is empty or holds control "
                                                  "characters",
                                                  printable(upload.program_member_status, 80)));
  }
  if (upload.content.empty()) return invalid_argument(endpoint, "the file is empty");
  if (upload.content.size() >= kMaxImportBytes) {
    return invalid_argument(endpoint, fmt::format("the file has {} bytes; Marketo takes fewer than {}",
                                                  upload.content.size(), kMaxImportBytes));
  }

  const FileType type = file_type(*format);
  // Without a charset a server may read a field as ISO-8859-1; a status may well be Japanese.
  std::string status_type;
  if (has_non_ascii(upload.program_member_status)) status_type = "text/plain; charset=UTF-8";
  const std::vector<FormPart> parts{
      FormPart{"format", to_string(*format), std::nullopt, ""},
      FormPart{"programMemberStatus", upload.program_member_status, std::nullopt, status_type},
      FormPart{"file", upload.content, safe_filename(upload.file_name, type.fallback_name),
               std::string(type.content_type)},
  };
  return encode_multipart(parts, make_boundary);
}

}  // namespace msync::marketo
