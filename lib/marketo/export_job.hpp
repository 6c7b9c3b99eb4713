#pragma once
// An export job as Marketo reports it (create, enqueue, status, cancel and list answers).
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "core/core.hpp"
#include "marketo/export_spec.hpp"

namespace msync::marketo {

enum class ExportStatus { created, queued, processing, completed, failed, cancelled };

std::string_view to_string(ExportStatus status);  // "Created", ..., "Cancelled"

// Marketo's spelling, case-insensitive; both "Cancelled" and "Canceled" mean cancelled.
std::optional<ExportStatus> parse_export_status(std::string_view text);

// True for an id Marketo could have issued: 1..128 of [A-Za-z0-9-]. Anything else (a '/', "..",
// a NUL) must never reach a URL path.
bool valid_export_id(std::string_view id);

struct ExportJob {
  std::string export_id;
  ExportStatus status = ExportStatus::created;
  std::optional<ExportFormat> format;
  std::optional<core::Timestamp> created_at;
  std::optional<core::Timestamp> queued_at;
  std::optional<core::Timestamp> started_at;
  std::optional<core::Timestamp> finished_at;
  std::optional<std::uint64_t> number_of_records;
  std::optional<std::uint64_t> file_size;
  std::optional<std::string> file_checksum;  // "sha256:<hex>" as Marketo sends it
  std::optional<std::string> error_msg;
};

}  // namespace msync::marketo
