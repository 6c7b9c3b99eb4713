#pragma once
// An import result like the seed's examples, shared by the result tests.
#include "imports/imports.hpp"

namespace msync::imports::testing {

inline core::Timestamp at(const char* iso) { return core::parse_iso8601(iso).value(); }

inline PartResult part(std::int64_t index, std::int64_t batch, std::string status,
                       std::int64_t processed, std::int64_t failed, std::int64_t warned,
                       std::string message) {
  PartResult p;
  p.part = index;
  p.batch_id = batch;
  p.status = std::move(status);
  p.leads_processed = processed;
  p.rows_failed = failed;
  p.rows_with_warning = warned;
  p.message = std::move(message);
  return p;
}

inline ImportResult seed_result() {
  ImportResult r;
  r.import = "webinar_attendees";
  r.file_id = 42;
  r.source_name = "attendees.csv";
  r.sha256 = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";
  r.program_id = 1234;
  r.program_member_status = "Attended";
  r.format = "csv";
  r.records = 10;
  r.taken_at = at("2024-05-01T10:00:00Z");
  r.finished_at = at("2024-05-01T10:05:30Z");
  r.parts.push_back(part(0, 1040, "Complete", 8, 0, 1,
                         "Import succeeded, 8 records imported (8 members), 1 warning."));
  r.parts.push_back(part(1, 1046, "Complete", 0, 1, 0,
                         "Import completed with errors, 0 records imported (0 members), 1 failed"));
  return r;
}

}  // namespace msync::imports::testing
