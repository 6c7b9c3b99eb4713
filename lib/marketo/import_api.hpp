#pragma once
// The typed Bulk Import calls for program members, and the describe calls that tell which field
// names an import file may use. Same guarantees as Api (api.hpp): the local call budget, a Bearer
// token, one re-authentication on 601 / 602, bounded retries of transient failures, and a Failure
// with an Action for anything else. 1016 ("Too many imports") is Action::wait_for_slot.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <boost/asio/awaitable.hpp>

#include "http/http.hpp"
#include "marketo/api.hpp"
#include "marketo/failure.hpp"

namespace msync::marketo {

enum class ImportStatus { queued, importing, complete, failed };

std::string_view to_string(ImportStatus status);  // "Queued", "Importing", "Complete", "Failed"
// Marketo's spelling, case-insensitive.
std::optional<ImportStatus> parse_import_status(std::string_view text);

// A batch as import.json and status.json report it.
struct ImportBatchInfo {
  std::int64_t batch_id = 0;
  ImportStatus status = ImportStatus::queued;
  std::optional<std::int64_t> leads_processed;    // numOfLeadsProcessed
  std::optional<std::int64_t> rows_failed;        // numOfRowsFailed
  std::optional<std::int64_t> rows_with_warning;  // numOfRowsWithWarning
  std::string message;                            // "" when absent
};

// One file uploaded to POST /bulk/v1/program/{programId}/members/import.json.
struct ImportUpload {
  std::int64_t program_id = 0;
  std::string format;                 // "CSV", "TSV" or "SSV" (any case; sent in capitals)
  std::string program_member_status;  // e.g. "Attended"
  std::string file_name;              // the part's filename; a path, quotes, CR / LF are made safe
  std::string content;                // the file's bytes, header row first; < 10,000,000 bytes
};

// A field from a describe endpoint.
struct FieldInfo {
  std::string name;       // the REST API name, as import headers must spell it
  std::string data_type;  // "string", "integer", "email", ...
  bool updateable = true;
};

class ImportApi {
 public:
  virtual ~ImportApi() = default;

  // POST import.json (multipart/form-data: format, programMemberStatus, file). Never retried by
  // the client once the request may have reached Marketo: a second upload would be a second batch.
  // Sent again only when Marketo refused it (606 / 615 after a backoff, 601 / 602 with a fresh
  // token). No answer, an unexpected HTTP status or an unreadable answer comes back at once, its
  // message saying Marketo may have taken the request: whether a batch exists is then unknown.
  // A bad upload (ImportUpload's rules above, program_id > 0) is Reason::invalid_argument.
  virtual boost::asio::awaitable<Outcome<ImportBatchInfo>> import_program_members(
      ImportUpload upload) = 0;
  // GET /bulk/v1/program/members/import/{batchId}/status.json.
  virtual boost::asio::awaitable<Outcome<ImportBatchInfo>> import_status(std::int64_t batch_id) = 0;
  // GET …/{batchId}/failures.json and …/warnings.json: the rows in the import's format with one
  // more column (Import Failure Reason / Import Warning Reason), streamed to sink. Returns the
  // number of bytes the sink received. A Marketo error answered in place of the file never
  // reaches the sink. When the call fails after bytes reached the sink, the caller starts the sink
  // over before trying again. A batch_id <= 0 is Reason::invalid_argument and is never sent.
  virtual boost::asio::awaitable<Outcome<std::uint64_t>> import_failures(std::int64_t batch_id,
                                                                          http::BodySink& sink) = 0;
  virtual boost::asio::awaitable<Outcome<std::uint64_t>> import_warnings(std::int64_t batch_id,
                                                                          http::BodySink& sink) = 0;
  // GET /rest/v1/leads/describe.json (rest.name of each field; a field without a REST name is
  // left out; updateable = !rest.readOnly) and /rest/v1/program/members/describe.json
  // (result[0].fields). Both live under the same origin and path prefix as /bulk/v1.
  virtual boost::asio::awaitable<Outcome<std::vector<FieldInfo>>> describe_lead_fields() = 0;
  virtual boost::asio::awaitable<Outcome<std::vector<FieldInfo>>> describe_program_member_fields() = 0;
  // GET /rest/v1/customobjects/{apiName}/describe.json (result[0].fields, as for program members).
  // An api_name that is not valid_api_name() is Reason::invalid_argument and is never sent.
  virtual boost::asio::awaitable<Outcome<std::vector<FieldInfo>>> describe_custom_object_fields(
      std::string api_name) = 0;
};

// Both sides of the Bulk API behind one token cache and one call budget (make_api gives it).
class Marketo : public Api, public ImportApi {};

}  // namespace msync::marketo
