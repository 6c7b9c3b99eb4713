#pragma once
// The validated configuration as plain values. Everything here has passed the checks described in
// config.hpp: durations are in range, names are unique, paths are absolute, secrets are read.
#include <cstdint>
#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "config/cron.hpp"
#include "core/core.hpp"

namespace msync::config {

// The subscription's limits, shared with every other tool that uses the same Marketo instance;
// lower them to leave room for those tools.
struct Limits {
  int max_processing = 2;                          // export jobs Processing at once
  int max_queued = 10;                             // export jobs Queued, Processing included
  std::uint64_t daily_export_bytes = 500'000'000;  // reset at midnight US Central
  int calls_per_20s = 100;
};

struct MarketoSettings {
  std::string base_url;      // scheme://host[:port], no trailing slash
  std::string identity_url;  // default: base_url + "/identity"
  std::string client_id;
  std::string client_secret;                     // the secret itself: never log or print it
  std::optional<std::filesystem::path> ca_file;  // absent: the system's trust store
  // The HTTP proxy: absent means the environment decides (HTTPS_PROXY, HTTP_PROXY, NO_PROXY); ""
  // means none (`proxy: none` or empty); else http://[user:password@]host:port, a secret then.
  std::optional<std::string> proxy;
  Limits limits;
  core::Seconds poll_interval{60};         // export status (Marketo refreshes it every 60 s)
  core::Seconds import_poll_interval{10};  // import status, 5s..30s
  core::Seconds read_timeout{60};          // a stalled answer is given up after this long, then retried
};

struct HealthSettings {
  std::string host = "127.0.0.1";  // an IP address literal; loopback unless allow_remote
  std::uint16_t port = 9465;       // 0: any free port (tests)
  // /status and /metrics are not authenticated: a non-loopback address must be asked for.
  bool allow_remote = false;
};

enum class Entity { leads, activities, program_members, custom_objects };
enum class Format { csv, tsv, ssv };
enum class Compression { none, gzip, zstd };
enum class WindowField { created_at, updated_at };
enum class ListKind { static_list_name, static_list_id, smart_list_id, smart_list_name };

// createdAt / updatedAt: consecutive windows from start, each `window` long, none ending after
// now - lag.
struct WindowedFilter {
  WindowField field = WindowField::created_at;
  core::Timestamp start;
  core::Seconds window{7 * 86400};  // 1s..31d
  core::Seconds lag{15 * 60};       // >= 0
};

// A list filter: the list is exported whole each time (a snapshot). Exactly one of name / id is
// meaningful, as kind says.
struct ListFilter {
  ListKind kind = ListKind::static_list_name;
  std::string name;     // static_list_name, smart_list_name
  std::int64_t id = 0;  // static_list_id, smart_list_id
};

// Program members by program (filter: programIds): each run exports the programs' members whole
// (a snapshot); the ids are ExportSync::program_ids.
struct ProgramsFilter {
  bool operator==(const ProgramsFilter&) const = default;
};

using Filter = std::variant<WindowedFilter, ListFilter, ProgramsFilter>;

// When new work is planned: every `every`, or at the times of `cron` (UTC) when it is set.
struct Schedule {
  core::Seconds every{3600};
  std::optional<Cron> cron;
};

struct ExportSync {
  std::string name;  // [a-z0-9_]+, unique among exports and imports; a folder under staging_dir
  Entity entity = Entity::leads;
  std::string api_name;  // custom_objects only (required there): [A-Za-z0-9_]+
  // Non-empty, unique, in the order given; for activities, when not given, the fixed activity
  // columns (activity_columns()).
  std::vector<std::string> fields;
  std::map<std::string, std::string> column_header_names;  // keys are among fields
  Format format = Format::csv;
  Compression compression = Compression::none;  // how staged files are stored
  Filter filter;
  std::vector<std::int64_t> activity_type_ids;            // activities only, optional
  std::vector<std::int64_t> primary_attribute_value_ids;  // activities only, optional
  std::vector<std::int64_t> program_ids;                  // program_members only, required there
  Schedule schedule;
};

// marketoGUID, leadId, activityDate, activityTypeId, campaignId, primaryAttributeValueId,
// primaryAttributeValue, attributes: what an activities sync exports when it names no fields.
const std::vector<std::string>& activity_columns();

struct ImportSync {
  std::string name;             // [a-z0-9_]+, unique among exports and imports
  std::int64_t program_id = 0;  // > 0
  std::string program_member_status;
  std::filesystem::path inbound_dir;
  Format format = Format::csv;
};

struct Config {
  MarketoSettings marketo;
  std::filesystem::path state_db;
  std::filesystem::path staging_dir;
  HealthSettings health;
  std::vector<ExportSync> exports;
  std::vector<ImportSync> imports;
};

// The configuration's own spellings: "leads", "program_members", "csv", "createdAt", "staticListName" (the latter two
// are also Marketo's filter keys).
std::string_view to_string(Entity entity);
std::optional<Entity> parse_entity(std::string_view text);
std::string_view to_string(Format format);
std::string_view to_string(Compression compression);
std::string_view to_string(WindowField field);
std::string_view to_string(ListKind kind);

}  // namespace msync::config
