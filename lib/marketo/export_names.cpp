#include <algorithm>
#include <array>

#include "marketo/ascii.hpp"
#include "marketo/export_job.hpp"
#include "marketo/export_spec.hpp"

namespace msync::marketo {
namespace {

struct StatusName {
  std::string_view text;
  ExportStatus status;
};

constexpr std::array kStatusNames{
    StatusName{"Created", ExportStatus::created},     StatusName{"Queued", ExportStatus::queued},
    StatusName{"Processing", ExportStatus::processing}, StatusName{"Completed", ExportStatus::completed},
    StatusName{"Failed", ExportStatus::failed},       StatusName{"Cancelled", ExportStatus::cancelled},
    StatusName{"Canceled", ExportStatus::cancelled},
};

}  // namespace

std::string_view to_string(ExportFormat format) {
  switch (format) {
    case ExportFormat::csv: return "CSV";
    case ExportFormat::tsv: return "TSV";
    case ExportFormat::ssv: return "SSV";
  }
  return "CSV";
}

std::optional<ExportFormat> parse_format(std::string_view text) {
  for (ExportFormat format : {ExportFormat::csv, ExportFormat::tsv, ExportFormat::ssv}) {
    if (equal_ignoring_case(to_string(format), text)) return format;
  }
  return std::nullopt;
}

std::string_view to_string(FilterType type) {
  switch (type) {
    case FilterType::created_at: return "createdAt";
    case FilterType::updated_at: return "updatedAt";
    case FilterType::static_list_id: return "staticListId";
    case FilterType::static_list_name: return "staticListName";
    case FilterType::smart_list_id: return "smartListId";
    case FilterType::smart_list_name: return "smartListName";
    case FilterType::program_ids: return "programIds";
  }
  return "createdAt";
}

std::string_view to_string(ExportStatus status) {
  for (const StatusName& name : kStatusNames) {
    if (name.status == status) return name.text;
  }
  return "Created";
}

std::optional<ExportStatus> parse_export_status(std::string_view text) {
  for (const StatusName& name : kStatusNames) {
    if (equal_ignoring_case(name.text, text)) return name.status;
  }
  return std::nullopt;
}

bool valid_export_id(std::string_view id) {
  if (id.empty() || id.size() > 128) return false;
  return std::all_of(id.begin(), id.end(), [](char c) {
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-';
  });
}

}  // namespace msync::marketo
