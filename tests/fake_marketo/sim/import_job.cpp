#include "fake_marketo/sim/import_job.hpp"

namespace fake {

std::string_view import_status_name(ImportStatus s) {
  switch (s) {
    case ImportStatus::queued: return "Queued";
    case ImportStatus::importing: return "Importing";
    case ImportStatus::complete: return "Complete";
    case ImportStatus::failed: return "Failed";
  }
  return "Failed";
}

char import_delimiter(ExportFormat format) {
  return format == ExportFormat::ssv ? ';' : format_info(format).delimiter;
}

}  // namespace fake
