#include "server/command_line.hpp"

#include <arpa/inet.h>

#include <charconv>
#include <iostream>
#include <stdexcept>

#include <CLI/CLI.hpp>
#include <rapidjson/document.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include "core/core.hpp"
#include "server/program_spec.hpp"

namespace fake {
namespace {

const std::vector<std::string> filter_names{"createdAt",    "updatedAt",     "staticListId",
                                            "staticListName", "smartListId", "smartListName"};

struct DataFlags {
  std::uint64_t leads = DataOptions{}.leads;
  std::uint64_t seed = DataOptions{}.seed;
  std::string epoch = "2024-01-01T00:00:00Z";
  unsigned span_days = DataOptions{}.span_days;
  std::uint64_t activities_per_lead = DataOptions{}.activities_per_lead;
};

void add_data_flags(CLI::App& app, DataFlags& flags) {
  app.add_option("--leads", flags.leads, "number of leads in the synthetic database")
      ->capture_default_str()->check(CLI::PositiveNumber);
  app.add_option("--seed", flags.seed, "seed of the synthetic database")->capture_default_str();
  app.add_option("--epoch", flags.epoch, "earliest createdAt (ISO-8601)")->capture_default_str();
  app.add_option("--span-days", flags.span_days, "createdAt/updatedAt spread over this many days")
      ->capture_default_str()->check(CLI::PositiveNumber);
  app.add_option("--activities-per-lead", flags.activities_per_lead,
                 "the activity log holds this many activities per lead, spread over the same days")
      ->capture_default_str()->check(CLI::NonNegativeNumber);
}

DataOptions to_data(const DataFlags& flags) {
  DataOptions data;
  data.leads = flags.leads;
  data.seed = flags.seed;
  data.span_days = flags.span_days;
  data.activities_per_lead = flags.activities_per_lead;
  const auto epoch = msync::core::parse_iso8601(flags.epoch);
  if (!epoch) throw CLI::ValidationError("--epoch", "'" + flags.epoch + "' is not ISO-8601 like 2024-01-01T00:00:00Z");
  data.epoch = std::chrono::time_point_cast<std::chrono::milliseconds>(*epoch);
  return data;
}

std::uint64_t to_bytes(const char* flag, const std::string& text) {
  std::uint64_t value = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec == std::errc{} && end == text.data() + text.size()) return value;
  if (const auto size = msync::core::parse_size(text)) return *size;
  throw CLI::ValidationError(flag, "'" + text + "' is neither a byte count nor a size like 500MB");
}

std::pair<std::string, std::uint16_t> to_listen(const std::string& text) {
  const auto colon = text.rfind(':');
  const auto fail = [&] { return CLI::ValidationError("--listen", "'" + text + "' is not HOST:PORT"); };
  if (colon == std::string::npos || colon == 0) throw fail();
  std::string host = text.substr(0, colon);
  if (host.size() > 2 && host.front() == '[' && host.back() == ']') host = host.substr(1, host.size() - 2);
  unsigned char address[16];
  if (host != "localhost" && ::inet_pton(AF_INET, host.c_str(), address) != 1 &&
      ::inet_pton(AF_INET6, host.c_str(), address) != 1)
    throw CLI::ValidationError("--listen", "'" + host + "' is not an IP address (or localhost)");
  unsigned port = 0;
  const char* first = text.data() + colon + 1;
  const char* last = text.data() + text.size();
  const auto [end, ec] = std::from_chars(first, last, port);
  if (first == last || ec != std::errc{} || end != last || port > 65535) throw fail();
  return {host, static_cast<std::uint16_t>(port)};
}

rapidjson::Document json_value(const std::string& flag, const std::string& text, bool object) {
  rapidjson::Document document;
  document.Parse(text.c_str(), text.size());
  if (document.HasParseError() || (object && !document.IsObject()))
    throw CLI::ValidationError(flag, "'" + text + "' is not a JSON object");
  return document;
}

std::string create_body(const std::vector<std::string>& fields, const std::string& filter,
                        const std::string& format, const std::string& headers) {
  rapidjson::Document body(rapidjson::kObjectType);
  auto& a = body.GetAllocator();
  rapidjson::Value list(rapidjson::kArrayType);
  for (const auto& f : fields) list.PushBack(rapidjson::Value(f.c_str(), a), a);
  // Activities may leave fields out (all their fixed columns); leads refuse the body without.
  if (!fields.empty()) body.AddMember("fields", list, a);
  if (!format.empty()) {
    std::string upper = format;
    for (auto& c : upper) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    body.AddMember("format", rapidjson::Value(upper.c_str(), a), a);
  }
  if (!headers.empty()) {
    auto parsed = json_value("--column-header-names", headers, true);
    body.AddMember("columnHeaderNames", rapidjson::Value(parsed, a), a);
  }
  auto parsed_filter = json_value("--filter", filter, true);
  body.AddMember("filter", rapidjson::Value(parsed_filter, a), a);
  rapidjson::StringBuffer out;
  rapidjson::Writer<rapidjson::StringBuffer> writer(out);
  body.Accept(writer);
  return out.GetString();
}

struct ServeFlags {
  DataFlags data;
  std::string listen = "127.0.0.1:0";
  std::string tls_cert, tls_key;
  std::string daily_quota = "500MB";
  std::string import_max_bytes = "10MB";
  std::vector<std::string> programs;
  std::vector<std::string> disabled_filters;
  std::string faults;
  std::uint64_t fault_seed = 1;
  std::string misbehave;
};

// Program member imports: the programs that exist, the import queue and the file size limit.
void add_import_flags(CLI::App& app, ServeFlags& serve, Options& options) {
  app.add_option("--program", serve.programs,
                 "a program imports may use, with its member statuses; repeatable; replaces the "
                 "default 1001:On List,Registered,Attended")
      ->type_name("ID:STATUS,...")->allow_extra_args(false);
  app.add_option("--max-importing", options.max_importing, "imports importing at once")
      ->capture_default_str()->check(CLI::PositiveNumber);
  app.add_option("--max-import-queued", options.max_import_queued,
                 "imports queued, importing included; one more answers 1016")
      ->capture_default_str()->check(CLI::PositiveNumber);
  app.add_option("--import-queue-seconds", options.import_queue_seconds, "least time an import stays Queued")
      ->capture_default_str()->check(CLI::NonNegativeNumber);
  app.add_option("--import-process-seconds", options.import_process_seconds, "time an import spends Importing")
      ->capture_default_str()->check(CLI::NonNegativeNumber);
  app.add_option("--import-max-bytes", serve.import_max_bytes,
                 "import files this large or larger are refused: 10000000 or 10MB")
      ->capture_default_str();
}

struct ExpectFlags {
  DataFlags data;
  std::vector<std::string> fields;
  std::string filter, format, column_header_names;
  std::string entity = "leads";
  std::string api_name;
};

}  // namespace

Command parse_command_line(int argc, const char* const* argv) {
  CLI::App app{"fake-marketo: a Marketo Bulk API look-alike for tests and demos.\n"
               "Exit codes: 64 bad flags, 65 expect body Marketo would refuse, 69 cannot listen."};
  app.name("fake-marketo");
  ServeFlags serve;
  Options options;
  ServerOptions server;
  add_data_flags(app, serve.data);
  app.add_option("--listen", serve.listen, "HOST:PORT; port 0 picks a free port")->capture_default_str();
  auto* cert = app.add_option("--tls-cert", serve.tls_cert, "PEM certificate chain: serve HTTPS")
                   ->check(CLI::ExistingFile);
  auto* key = app.add_option("--tls-key", serve.tls_key, "PEM private key")->check(CLI::ExistingFile);
  cert->needs(key);
  key->needs(cert);
  app.add_option("--client-id", options.client_id, "the API user's client id")->capture_default_str();
  app.add_option("--client-secret", options.client_secret, "the API user's client secret");
  app.add_option("--token-ttl", options.token_ttl_seconds, "token lifetime, seconds")
      ->capture_default_str()->check(CLI::PositiveNumber);
  app.add_option("--max-processing", options.max_processing, "export jobs processing at once")
      ->capture_default_str()->check(CLI::PositiveNumber);
  app.add_option("--max-queued", options.max_queued, "export jobs queued, processing included")
      ->capture_default_str()->check(CLI::PositiveNumber);
  app.add_option("--daily-quota", serve.daily_quota, "daily export bytes: 500000000 or 500MB")
      ->capture_default_str();
  app.add_option("--disable-filter", serve.disabled_filters, "filter types answering 1035, comma-separated")
      ->delimiter(',')->check(CLI::IsMember(filter_names));
  app.add_option("--queue-seconds", options.queue_seconds, "least time a job stays Queued")
      ->capture_default_str()->check(CLI::NonNegativeNumber);
  app.add_option("--process-seconds", options.process_seconds, "time a job spends Processing")
      ->capture_default_str()->check(CLI::NonNegativeNumber);
  app.add_option("--status-refresh", options.status_refresh_seconds, "status.json refresh period, seconds")
      ->capture_default_str()->check(CLI::NonNegativeNumber);
  app.add_option("--foreign-jobs", options.foreign_jobs, "other tenants' jobs holding slots at start")
      ->capture_default_str();
  app.add_option("--foreign-job-seconds", options.foreign_job_seconds, "how long each foreign job processes")
      ->capture_default_str()->check(CLI::NonNegativeNumber);
  add_import_flags(app, serve, options);
  app.add_option("--files-dir", options.files_dir, "where export files are rendered (default: a temp dir)");
  app.add_option("--faults", serve.faults, "e.g. 606:0.1,5xx:0.1,stall:0.01:30s,cut:0.1:65536,1029:0.1,failed:0.1,404:0.1");
  app.add_option("--fault-seed", serve.fault_seed, "seed of the fault draws")->capture_default_str();
  app.add_option("--misbehave", serve.misbehave, "KIND[:TIMES]: spoil the first TIMES answers (all: 0) as " + misbehaviour_names());
  app.add_option("--request-log", server.request_log, "append every request as a JSON line to FILE");

  ExpectFlags ex;
  auto* expect = app.add_subcommand("expect", "print the file an export job with this body would produce");
  add_data_flags(*expect, ex.data);
  expect->add_option("--entity", ex.entity, "the bulk export: leads, activities, program_members, custom_objects")
      ->check(CLI::IsMember({"leads", "activities", "program_members", "custom_objects"}))->capture_default_str();
  expect->add_option("--api-name", ex.api_name, "with --entity custom_objects: the object (car_c)");
  expect->add_option("--fields", ex.fields, "id,email,... (activities: all columns when left out)")->delimiter(',');
  expect->add_option("--filter", ex.filter, "the filter as JSON, e.g. {\"createdAt\":{...}}")->required();
  expect->add_option("--format", ex.format, "csv, tsv or ssv")
      ->check(CLI::IsMember({"csv", "tsv", "ssv"}, CLI::ignore_case));
  expect->add_option("--column-header-names", ex.column_header_names, "JSON object: field -> header");

  try {
    app.parse(argc, argv);
    if (expect->parsed()) {
      for (const auto* option : app.get_options()) {
        if (option->count() > 0 && option->get_name() != "--help")
          throw CLI::ValidationError(option->get_name(), "is a serve flag; give expect its own data flags after 'expect'");
      }
      return ExpectCommand{to_data(ex.data), create_body(ex.fields, ex.filter, ex.format, ex.column_header_names),
                           ex.entity, ex.api_name};
    }
    options.data = to_data(serve.data);
    options.daily_quota_bytes = to_bytes("--daily-quota", serve.daily_quota);
    options.import_max_bytes = to_bytes("--import-max-bytes", serve.import_max_bytes);
    if (options.import_max_bytes == 0)
      throw CLI::ValidationError("--import-max-bytes", "'" + serve.import_max_bytes + "' must be at least 1 byte");
    if (!serve.programs.empty()) {
      auto programs = parse_program_specs(serve.programs);
      if (!programs) throw CLI::ValidationError("--program", programs.error().message);
      options.programs = std::move(*programs);
    }
    options.disabled_filters.insert(serve.disabled_filters.begin(), serve.disabled_filters.end());
    std::tie(server.host, server.port) = to_listen(serve.listen);
    server.tls_cert = serve.tls_cert;
    server.tls_key = serve.tls_key;
    server.fault_seed = serve.fault_seed;
    auto faults = parse_fault_spec(serve.faults);
    if (!faults) throw CLI::ValidationError("--faults", faults.error().message);
    server.faults = std::move(*faults);
    auto misbehave = parse_misbehaviour(serve.misbehave);
    if (!misbehave) throw CLI::ValidationError("--misbehave", misbehave.error().message);
    server.misbehave = *misbehave;
    return ServeCommand{std::move(options), std::move(server)};
  } catch (const CLI::ParseError& e) {
    const int code = app.exit(e);
    return Stop{code == 0 ? 0 : exit_usage};
  }
}

}  // namespace fake
