#pragma once
// A result folder's status.json as the import tests read it.
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace msync::import_test {

// One part of status.json.
struct PartStatus {
  std::int64_t part = -1;
  std::optional<std::int64_t> batch_id;
  std::string status, message;
  std::int64_t leads_processed = -1, rows_failed = -1, rows_with_warning = -1;
};

// A result folder's status.json; parse() fails the test (gtest) on a missing key.
struct ResultStatus {
  std::string import, file, sha256, program_member_status, format, outcome, taken_at, finished_at;
  std::int64_t program_id = 0, file_id = 0;
  std::uint64_t records = 0;
  std::int64_t leads_processed = -1, rows_failed = -1, rows_with_warning = -1;  // totals
  std::vector<PartStatus> parts;

  static ResultStatus parse(const std::filesystem::path& status_json);
};

}  // namespace msync::import_test
