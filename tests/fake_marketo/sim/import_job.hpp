#pragma once
// One bulk program member import, from its upload to its result files.
#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "fake_marketo/sim/delimited.hpp"
#include "fake_marketo/sim/export_spec.hpp"
#include "fake_marketo/sim/import_rows.hpp"
#include "fake_marketo/sim/simulator.hpp"

namespace fake {

enum class ImportStatus { queued, importing, complete, failed };

std::string_view import_status_name(ImportStatus s);  // Queued, Importing, Complete, Failed

// An import file's delimiter: comma, tab or semicolon (seed 004). Exports differ for SSV, which
// they render space-separated (seed 000).
char import_delimiter(ExportFormat format);

struct ImportJob {
  std::int64_t batch_id = 0;
  std::string owner;  // client_id: other API users do not see it
  std::int64_t program_id = 0;
  std::string member_status;  // as the program spells it
  ExportFormat format = ExportFormat::csv;
  ImportColumns columns;
  DelimitedFile file;  // parsed at upload; released once imported
  ImportStatus status = ImportStatus::queued;
  SimTime created_at{};
  std::optional<SimTime> started_at, finished_at;
  std::chrono::milliseconds wait{};      // least time Queued before it may start
  std::chrono::milliseconds duration{};  // time spent Importing

  // Known once Complete or Failed.
  std::uint64_t leads_processed = 0;
  std::uint64_t rows_failed = 0;
  std::uint64_t rows_with_warning = 0;
  std::string message;
  std::string failures;  // the failures file: header + "Import Failure Reason", in `format`
  std::string warnings;  // the warnings file likewise

  bool active() const { return status == ImportStatus::queued || status == ImportStatus::importing; }
};

}  // namespace fake
