#include "fake_marketo/sim/import_run.hpp"

#include <set>

namespace fake {
namespace {

std::string lower(std::string s) {
  for (char& c : s)
    if (c >= 'A' && c <= 'Z') c = char(c - 'A' + 'a');
  return s;
}

// The header row again, with the reason column appended.
std::string result_header(const std::vector<std::string>& header, const char* reason_column, char delimiter) {
  std::vector<std::string> cells = header;
  cells.emplace_back(reason_column);
  std::string out;
  append_row(cells, delimiter, out);
  return out;
}

void append_with_reason(std::vector<std::string> cells, const std::string& reason, char delimiter,
                        std::string& out) {
  cells.push_back(reason);
  append_row(cells, delimiter, out);
}

}  // namespace

std::string import_message(std::uint64_t imported, std::uint64_t members, std::uint64_t failed,
                           std::uint64_t warned) {
  std::string m = failed ? "Import completed with errors, " : "Import succeeded, ";
  m += std::to_string(imported) + " records imported (" + std::to_string(members) + " members)";
  if (failed) m += ", " + std::to_string(failed) + " failed";
  if (warned) m += ", " + std::to_string(warned) + (warned == 1 ? " warning." : " warnings.");
  return m;
}

void run_import(ImportJob& job, ProgramRoster& roster) {
  const char delimiter = import_delimiter(job.format);
  DelimitedFile file = std::move(job.file);
  job.file = {};
  if (!file.error.empty()) {
    job.status = ImportStatus::failed;
    job.message = "Import failed: the file could not be read: " + file.error;
    return;
  }
  const std::vector<std::string>& header = file.rows.front().cells;
  job.failures = result_header(header, "Import Failure Reason", delimiter);
  job.warnings = result_header(header, "Import Warning Reason", delimiter);
  std::set<std::string> members;
  for (std::size_t r = 1; r < file.rows.size(); ++r) {
    auto& cells = file.rows[r].cells;
    const RowVerdict verdict = check_row(job.columns, cells);
    if (!verdict.failure.empty()) {
      ++job.rows_failed;
      append_with_reason(std::move(cells), verdict.failure, delimiter, job.failures);
      continue;
    }
    const std::string& email = cells[job.columns.email];
    roster.add(job.program_id, email, job.member_status);
    members.insert(lower(email));
    ++job.leads_processed;
    if (!verdict.warning.empty()) {
      ++job.rows_with_warning;
      append_with_reason(std::move(cells), verdict.warning, delimiter, job.warnings);
    }
  }
  job.status = ImportStatus::complete;
  job.message = import_message(job.leads_processed, members.size(), job.rows_failed, job.rows_with_warning);
}

}  // namespace fake
