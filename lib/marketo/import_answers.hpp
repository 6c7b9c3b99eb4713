#pragma once
// Reads the Bulk Import and describe answers as defensively as parse_jobs_answer: every member is
// checked for presence and type, and what is wrong is named by its path and the endpoint
// (Reason::malformed_answer, Action::backoff). An error envelope becomes the error table's Failure.
#include <string_view>
#include <vector>

#include "marketo/failure.hpp"
#include "marketo/import_api.hpp"

namespace msync::marketo {

// import.json and status.json: {"result": [{"batchId", "importId", "status", "numOfLeadsProcessed",
// "numOfRowsFailed", "numOfRowsWithWarning", "message"}]}. batchId is an integer > 0, status one of
// Marketo's four, the counts non-negative integers (absent while a batch is queued).
Outcome<ImportBatchInfo> parse_import_answer(std::string_view endpoint, std::string_view body,
                                             unsigned http_status);

// /rest/v1/leads/describe.json: {"result": [{"id", "displayName", "dataType", "rest": {"name",
// "readOnly"}, "soap": {...}}]}. A field without "rest" cannot be named in an import and is left out.
Outcome<std::vector<FieldInfo>> parse_lead_fields_answer(std::string_view endpoint,
                                                         std::string_view body, unsigned http_status);

// /rest/v1/program/members/describe.json: {"result": [{"name", "fields": [{"name", "dataType",
// "updateable", ...}]}]}; /rest/v1/customobjects/{apiName}/describe.json answers the same shape.
Outcome<std::vector<FieldInfo>> parse_program_member_fields_answer(std::string_view endpoint,
                                                                   std::string_view body,
                                                                   unsigned http_status);

}  // namespace msync::marketo
