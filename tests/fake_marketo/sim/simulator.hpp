#pragma once
// fake-marketo's brain: a Marketo look-alike as a pure function of (request, simulated time). It
// knows nothing of sockets; tests/fake_marketo/server/ carries requests to it over HTTP(S), and unit
// tests call it directly. Time is a parameter so that every rule can be tested without sleeping.
#include <chrono>
#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <utility>
#include <vector>

namespace fake {

// Simulated wall-clock time, at millisecond resolution (job phases may last fractions of a second).
using SimTime = std::chrono::sys_time<std::chrono::milliseconds>;

struct HttpRequest {
  std::string method;  // GET, POST
  std::string target;  // path and query as received, percent-encoded
  std::vector<std::pair<std::string, std::string>> headers;
  std::string body;
};

// A byte range of a file on disk, streamed by the server rather than held in memory.
struct FileSlice {
  std::string path;
  std::uint64_t offset = 0;
  std::uint64_t length = 0;
};

struct HttpResponse {
  unsigned status = 200;
  std::vector<std::pair<std::string, std::string>> headers;  // Content-Type etc.; not Content-Length
  std::string body;                                          // used when file is empty
  std::optional<FileSlice> file;
  std::string marketo_error;  // the Marketo error code answered ("606", "1029", ...), for the request log
  // Bulk export calls: the subscription's export queue once the call was answered (all entities,
  // all API users), for the request log.
  struct Queue {
    unsigned processing = 0;
    unsigned queued = 0;  // processing included
  };
  std::optional<Queue> export_queue;
};

// The seeded lead database (--leads --seed --epoch --span-days) and the lists built from it.
struct DataOptions {
  std::uint64_t leads = 1000;
  std::uint64_t seed = 1;
  SimTime epoch = SimTime{std::chrono::sys_days{std::chrono::year{2024} / 1 / 1}};  // earliest createdAt
  unsigned span_days = 365;  // createdAt / updatedAt spread over [epoch, epoch + span_days)
  std::uint64_t activities_per_lead = 3;  // the activity log holds leads x this many activities
};

struct Options {
  DataOptions data;
  std::string client_id = "demo-client";
  std::string client_secret = "demo-secret";
  double token_ttl_seconds = 3600;
  unsigned max_processing = 2;
  unsigned max_queued = 10;                     // including processing
  std::uint64_t daily_quota_bytes = 500000000;  // 500 MB
  double queue_seconds = 1;                     // least time a job stays Queued before it may start
  double process_seconds = 2;                   // time a job spends Processing
  double status_refresh_seconds = 60;           // status.json shows the state as of the last refresh
  unsigned foreign_jobs = 0;                    // other tenants' jobs occupying slots at start
  double foreign_job_seconds = 600;             // how long each foreign job processes
  std::set<std::string> disabled_filters;       // answer 1035: updatedAt, smartListId, ...
  std::string files_dir;                        // where completed export files are rendered
                                                // (empty: a private temporary folder)
  // More API users besides client_id (client_id -> client_secret): each sees only its own jobs.
  std::map<std::string, std::string> extra_clients;

  // Bulk program member imports. The programs that exist: id -> its member statuses (the
  // programMemberStatus values an import may use; matched ignoring case, kept as spelt here).
  std::map<std::int64_t, std::vector<std::string>> programs{{1001, {"On List", "Registered", "Attended"}}};
  unsigned max_importing = 2;
  unsigned max_import_queued = 10;              // including importing; one more answers 1016
  double import_queue_seconds = 1;              // least time an import stays Queued
  double import_process_seconds = 2;            // time an import spends Importing
  std::uint64_t import_max_bytes = 10000000;    // a file this large or larger is refused (10 MB)
};

// One lead's membership of a program, as bulk imports left it.
struct ProgramMember {
  std::string email;      // lower-cased: imports de-duplicate on it
  std::string status;     // the programMemberStatus of the latest import that named it
  unsigned imports = 0;   // how many imported rows named it (a file imported twice shows 2)
};

// Where the server can reach in to change the simulation (the admin endpoint and --faults use it).
struct AdminActions {
  // Every token issued so far becomes expired (next call answers 602).
  virtual void expire_tokens() = 0;
  // Today's export quota counts as fully used until the next US Central midnight.
  virtual void exhaust_quota() = 0;
  // Moves the simulation clock forward (quota resets, job progress, token expiry follow).
  virtual void advance_clock(std::chrono::milliseconds by) = 0;
  // Faults (--faults failed, 404): export job `export_id` ends Failed when its processing ends;
  // its file expires now, as if its 7 days were over. Unknown ids are ignored.
  virtual void fail_export(const std::string& export_id) = 0;
  virtual void expire_export_file(const std::string& export_id) = 0;
  // What imports have made of program `program_id` by simulated time `now` (the simulation runs
  // up to it first, as for a request), ordered by email; empty for an unknown program or one
  // nothing was imported into.
  virtual std::vector<ProgramMember> program_members(std::int64_t program_id, SimTime now) = 0;
  virtual ~AdminActions() = default;
};

class Simulator : public AdminActions {
 public:
  virtual ~Simulator() = default;

  // Answers one Marketo request at simulated time `now` (monotonic across calls). Covers
  // /identity/oauth/token, the bulk exports /bulk/v1/leads/export/..., /bulk/v1/activities/export/...,
  // /bulk/v1/program/members/export/..., /bulk/v1/customobjects/{apiName}/export/... (one job board,
  // queue and quota for all), and the program member imports
  // (/bulk/v1/program/{programId}/members/import.json, /bulk/v1/program/members/import/{batchId}/
  // status.json | failures.json | warnings.json) and the describe endpoints (/rest/v1/leads/
  // describe.json, describe2.json, /rest/v1/program/members/describe.json); anything else answers as
  // Marketo does for an unknown path.
  virtual HttpResponse handle(const HttpRequest& request, SimTime now) = 0;
};

// Makes the simulator; throws std::invalid_argument with a clear message for bad options.
std::unique_ptr<Simulator> make_simulator(Options options);

// Ground truth: exactly the bytes an export job with this create.json body would produce from the
// database `data` (the body's "fields", "format", "columnHeaderNames", "filter"). Returns an error
// message instead when the body is one Marketo would refuse.
struct ExpectResult {
  std::string file;   // the rendered file, header row included
  std::string error;  // non-empty when the body is invalid
};
// `entity`: "leads" (the default), "activities", "program_members", "custom_objects" (with the
// object's `api_name`): the bulk export the body is sent to.
ExpectResult expect(const DataOptions& data, const std::string& create_body_json,
                    const std::string& entity = "leads", const std::string& api_name = "");

// The same bytes streamed to `path` instead (for files too large to hold); returns the error
// message for an invalid body, or for a file that cannot be written, else "".
std::string expect_to_file(const DataOptions& data, const std::string& create_body_json,
                           const std::string& path);

// The lead database's schema, in Marketo's REST API names and types.
enum class FieldType { integer, email, string, phone, datetime };
struct LeadField {
  const char* name;
  FieldType type;
};
const std::vector<LeadField>& lead_schema();  // id, email, firstName, ..., createdAt, updatedAt

// The lists of the database (the same for every seed; membership depends on the seed).
struct LeadList {
  std::int64_t id;
  const char* name;
  bool smart;  // a smart list (smartListId/Name) rather than a static one (staticListId/Name)
};
const std::vector<LeadList>& lead_lists();  // 1001 VIP, 1002 Newsletter, 1003 Empty, 2001 Engaged, ...

// One lead's value of one field exactly as an export renders it before quoting ("" when empty,
// which files show as null); nullopt for an unknown field or an id outside 1..data.leads.
std::optional<std::string> lead_value(const DataOptions& data, std::uint64_t id,
                                      const std::string& field);
// Whether lead `id` belongs to list `list_id` (nullopt for an unknown list).
std::optional<bool> lead_in_list(const DataOptions& data, std::uint64_t id, std::int64_t list_id);

}  // namespace fake
