#include "fake_marketo/sim/simulator.hpp"

#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include <charconv>
#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <random>
#include <stdexcept>

#include "fake_marketo/sim/data_set.hpp"
#include "fake_marketo/sim/describe.hpp"
#include "fake_marketo/sim/export_renderer.hpp"
#include "fake_marketo/sim/file_sink.hpp"
#include "fake_marketo/sim/http_parts.hpp"
#include "fake_marketo/sim/ids.hpp"
#include "fake_marketo/sim/import_desk.hpp"
#include "fake_marketo/sim/job_board.hpp"
#include "fake_marketo/sim/marketo_reply.hpp"
#include "fake_marketo/sim/token_store.hpp"

namespace fake {
namespace {

namespace fs = std::filesystem;

constexpr std::string_view kTokenPath = "/identity/oauth/token";
constexpr unsigned kMaxBatchSize = 300;
constexpr auto kListWindow = std::chrono::days{7};

enum class Action { none, create, list, enqueue, status, file, cancel, import, describe };

struct Route {
  Action action = Action::none;
  const char* method = "";
  std::string export_id;
  ImportRoute import;  // Action::import
  DescribeKind describe = DescribeKind::none;
  Entity entity = Entity::leads;  // the bulk export the path belongs to
  std::string api_name;           // custom objects: the {apiName} path segment
};

// Each bulk export lives under its own path; the jobs all go on one board.
struct ExportPrefix {
  std::string_view prefix;  // + ".json" lists jobs, + "/..." are the job calls
  Entity entity;
};
constexpr ExportPrefix kExportPrefixes[] = {
    {"/bulk/v1/leads/export", Entity::leads},
    {"/bulk/v1/activities/export", Entity::activities},
    {"/bulk/v1/program/members/export", Entity::program_members},
};
constexpr std::string_view kCustomObjects = "/bulk/v1/customobjects/";

// /bulk/v1/customobjects/{apiName}/export...: the object's name, and the path with it as the
// prefix to match; nullopt for any other path.
std::optional<std::pair<std::string, std::string>> custom_object_prefix(std::string_view path) {
  if (!path.starts_with(kCustomObjects)) return std::nullopt;
  const std::string_view rest = path.substr(kCustomObjects.size());
  const auto slash = rest.find('/');
  if (slash == 0 || slash == std::string_view::npos) return std::nullopt;
  const std::string name(rest.substr(0, slash));
  return std::pair{name, std::string(kCustomObjects) + name + "/export"};
}

Route export_route(std::string_view path) {
  std::vector<std::pair<std::string, Entity>> prefixes;
  for (const auto& [prefix, entity] : kExportPrefixes) prefixes.emplace_back(prefix, entity);
  const auto object = custom_object_prefix(path);
  if (object) prefixes.emplace_back(object->second, Entity::custom_objects);
  for (const auto& [prefix, entity] : prefixes) {
    if (!path.starts_with(prefix)) continue;
    const std::string_view rest = path.substr(prefix.size());
    Route r;
    r.entity = entity;
    if (object && entity == Entity::custom_objects) r.api_name = object->first;
    if (rest == ".json") {
      r.action = Action::list;
      r.method = "GET";
      return r;
    }
    if (!rest.starts_with("/")) return {};
    const std::string_view call = rest.substr(1);
    if (call == "create.json") {
      r.action = Action::create;
      r.method = "POST";
      return r;
    }
    const auto slash = call.find('/');
    if (slash == 0 || slash == std::string_view::npos) return {};
    r.export_id = std::string(call.substr(0, slash));
    const std::string_view action = call.substr(slash + 1);
    struct JobCall {
      std::string_view name;
      Action action;
      const char* method;
    };
    // Set member by member: GCC 12 at -O3 takes a braced Route temporary's strings for uninitialised.
    constexpr JobCall kJobCalls[] = {{"enqueue.json", Action::enqueue, "POST"},
                                     {"status.json", Action::status, "GET"},
                                     {"file.json", Action::file, "GET"},
                                     {"cancel.json", Action::cancel, "POST"}};
    for (const JobCall& c : kJobCalls) {
      if (action != c.name) continue;
      r.action = c.action;
      r.method = c.method;
      return r;
    }
    return {};
  }
  return {};
}

Route route(const std::string& path) {
  std::string object;
  if (const DescribeKind d = describe_route(path, object); d != DescribeKind::none)
    return {Action::describe, "GET", {}, {}, d, Entity::leads, object};
  if (ImportRoute i = import_route(path); i.kind != ImportRoute::Kind::none)
    return {Action::import, i.method, {}, std::move(i), DescribeKind::none, Entity::leads, {}};
  return export_route(path);
}

HttpResponse identity_error(unsigned status, const char* error, const std::string& description) {
  rapidjson::StringBuffer buffer;
  rapidjson::Writer<rapidjson::StringBuffer> w(buffer);
  w.StartObject();
  w.Key("error");
  w.String(error);
  w.Key("error_description");
  w.String(description.c_str());
  w.EndObject();
  return json_reply(status, std::string(buffer.GetString(), buffer.GetSize()));
}

MarketoError not_found(const std::string& id) { return {"1003", "Export Id " + id + " not found"}; }

void check_options(const Options& o) {
  auto bad = [](const std::string& what) { throw std::invalid_argument("fake-marketo options: " + what); };
  auto check_seconds = [&](double v, const char* name, bool positive) {
    if (!std::isfinite(v) || v < 0 || (positive && v == 0))
      bad(std::string(name) + " must be a " + (positive ? "positive" : "non-negative") + " number of seconds");
  };
  if (o.client_id.empty() || o.client_secret.empty()) bad("client_id and client_secret must not be empty");
  check_seconds(o.token_ttl_seconds, "token_ttl", true);
  check_seconds(o.queue_seconds, "queue_seconds", false);
  check_seconds(o.process_seconds, "process_seconds", false);
  check_seconds(o.status_refresh_seconds, "status_refresh_seconds", false);
  check_seconds(o.foreign_job_seconds, "foreign_job_seconds", false);
  check_seconds(o.import_queue_seconds, "import_queue_seconds", false);
  check_seconds(o.import_process_seconds, "import_process_seconds", false);
  if (o.max_importing == 0) bad("max_importing must be at least 1");
  if (o.max_import_queued < o.max_importing) bad("max_import_queued must be at least max_importing");
  if (o.import_max_bytes == 0) bad("import_max_bytes must be at least 1");
  for (const auto& [id, statuses] : o.programs) {
    if (id <= 0) bad("program id " + std::to_string(id) + " must be positive");
    if (statuses.empty()) bad("program " + std::to_string(id) + " needs at least one member status");
    for (const auto& s : statuses)
      if (s.empty()) bad("program " + std::to_string(id) + " has an empty member status");
  }
  if (o.max_processing == 0) bad("max_processing must be at least 1");
  if (o.max_queued < o.max_processing) bad("max_queued must be at least max_processing");
  if (o.data.span_days == 0) bad("span_days must be at least 1");
  const std::set<std::string> filters{"createdAt", "updatedAt", "staticListId", "staticListName",
                                      "smartListId", "smartListName"};
  for (const auto& f : o.disabled_filters)
    if (!filters.contains(f)) bad("disabled filter '" + f + "' is not a filter type");
}

// The folder for rendered files: the one asked for, or a private temporary one (removed later).
std::string prepare_files_dir(const std::string& asked, bool& owned) {
  std::error_code ec;
  if (!asked.empty()) {
    fs::create_directories(asked, ec);
    if (ec) throw std::invalid_argument("fake-marketo options: files_dir '" + asked + "': " + ec.message());
    owned = false;
    return asked;
  }
  std::string tmpl = (fs::temp_directory_path() / "fake-marketo-XXXXXX").string();
  if (!::mkdtemp(tmpl.data())) throw std::runtime_error("fake-marketo: cannot create a temporary files_dir");
  owned = true;
  return tmpl;
}

class SimulatorImpl final : public Simulator {
 public:
  explicit SimulatorImpl(Options options)
      : options_(std::move(options)),
        data_(options_.data),
        files_dir_(prepare_files_dir(options_.files_dir, owns_files_dir_)),
        board_(options_, data_, files_dir_),
        imports_(options_),
        tokens_(std::chrono::milliseconds(std::llround(options_.token_ttl_seconds * 1000)),
                (std::uint64_t(std::random_device{}()) << 32) ^ std::random_device{}()) {
    clients_ = options_.extra_clients;
    clients_[options_.client_id] = options_.client_secret;
  }

  ~SimulatorImpl() override {
    if (!owns_files_dir_) return;
    std::error_code ec;
    fs::remove_all(files_dir_, ec);
  }

  HttpResponse handle(const HttpRequest& request, SimTime now) override {
    const SimTime t = tick(now);
    const std::string request_id = make_request_id(++requests_, t);
    const Target target = split_target(request.target);
    if (target.path == kTokenPath) return issue_token(request, target);
    const Route r = route(target.path);
    if (r.action == Action::none) return error_reply(request_id, {"610", "Requested resource not found"});
    if (find_param(target.query, "access_token"))
      return error_reply(request_id,
                         {"601", "Access token invalid: the access_token query parameter is not "
                                 "supported; send the token in an 'Authorization: Bearer' header"});
    const auto auth = find_header(request, "Authorization");
    if (!auth) return error_reply(request_id, {"600", "Access token not specified"});
    if (!auth->starts_with("Bearer ") && !auth->starts_with("bearer "))
      return error_reply(request_id, {"601", "Access token invalid: the Authorization header must "
                                             "be 'Bearer <token>'"});
    const auto check = tokens_.check(auth->substr(7), t);
    if (check.state == TokenStore::State::unknown)
      return error_reply(request_id, {"601", "Access token invalid"});
    if (check.state == TokenStore::State::expired)
      return error_reply(request_id, {"602", "Access token expired"});
    if (request.method != r.method)
      return error_reply(request_id, {"605", "HTTP Method " + request.method + " not supported"});
    HttpResponse response = dispatch(r, request, target, check.client_id, request_id, t);
    if (r.action != Action::import && r.action != Action::describe)
      response.export_queue = HttpResponse::Queue{board_.processing(), board_.queued()};
    return response;
  }

  void expire_tokens() override { tokens_.expire_all(); }
  // Resolved at the next request, the first moment the simulation knows what "today" is.
  void exhaust_quota() override { exhaust_pending_ = true; }
  void advance_clock(std::chrono::milliseconds by) override { offset_ += by; }
  void fail_export(const std::string& export_id) override { board_.doom(export_id); }
  void expire_export_file(const std::string& export_id) override { board_.expire_file(export_id); }
  std::vector<ProgramMember> program_members(std::int64_t program_id, SimTime now) override {
    tick(now);
    return imports_.program_members(program_id);
  }

 private:
  SimTime tick(SimTime now) {
    SimTime t = now + offset_;
    if (last_ && t < *last_) t = *last_;
    if (!last_) board_.add_foreign_jobs(options_.foreign_jobs, t);
    last_ = t;
    board_.advance_to(t);
    imports_.advance_to(t);
    if (exhaust_pending_) board_.exhaust_quota(t);
    exhaust_pending_ = false;
    return t;
  }

  HttpResponse issue_token(const HttpRequest& request, const Target& target) {
    Params params = target.query;
    if (request.method == "POST") {
      const Params form = parse_form(request.body);
      params.insert(params.end(), form.begin(), form.end());
    }
    const auto id = find_param(params, "client_id");
    const auto secret = find_param(params, "client_secret");
    const auto known = id ? clients_.find(*id) : clients_.end();
    if (!secret || known == clients_.end() || known->second != *secret)
      return identity_error(401, "unauthorized", "Bad client credentials");
    const auto grant = find_param(params, "grant_type");
    if (!grant) return identity_error(400, "invalid_request", "Missing grant type");
    if (*grant != "client_credentials")
      return identity_error(400, "invalid_request", "Unsupported grant type: only client_credentials");
    const auto issued = tokens_.issue(*id, *last_);
    rapidjson::StringBuffer buffer;
    rapidjson::Writer<rapidjson::StringBuffer> w(buffer);
    w.StartObject();
    w.Key("access_token");
    w.String(issued.token.c_str());
    w.Key("token_type");
    w.String("bearer");
    w.Key("expires_in");
    w.Int64(issued.expires_in);
    w.Key("scope");
    w.String((*id + "@fake-marketo.test").c_str());
    w.EndObject();
    return json_reply(200, std::string(buffer.GetString(), buffer.GetSize()));
  }

  HttpResponse dispatch(const Route& r, const HttpRequest& request, const Target& target,
                        const std::string& client, const std::string& rid, SimTime t) {
    if (r.action == Action::import) return imports_.handle(r.import, request, target, client, rid, t);
    if (r.action == Action::describe) return describe_reply(r.describe, rid, options_.data.epoch, r.api_name);
    if (r.action == Action::create) return create(r, request, client, rid, t);
    if (r.action == Action::list) return list(r, target, client, rid, t);
    ExportJob* job = board_.find(r.export_id, client);
    // A job is found only under its own entity's path.
    if (!job || job->spec.entity != r.entity || job->spec.api_name != r.api_name)
      return error_reply(rid, not_found(r.export_id));
    std::optional<MarketoError> error;
    switch (r.action) {
      case Action::enqueue: error = board_.enqueue(*job, t); break;
      case Action::cancel: error = board_.cancel(*job, t); break;
      case Action::file: return file(*job, request, t);
      default: break;
    }
    if (error) return error_reply(rid, *error);
    return jobs_reply(rid, {{job, board_.visible_status(*job, t)}});
  }

  HttpResponse create(const Route& r, const HttpRequest& request, const std::string& client,
                      const std::string& rid, SimTime t) {
    auto parsed = parse_export_request(request.body, options_.disabled_filters, r.entity, r.api_name);
    if (auto* e = std::get_if<MarketoError>(&parsed)) return error_reply(rid, *e);
    ExportJob& job = board_.create(client, std::move(std::get<ExportSpec>(parsed)), t);
    return jobs_reply(rid, {{&job, JobStatus::created}});
  }

  HttpResponse list(const Route& r, const Target& target, const std::string& client, const std::string& rid,
                    SimTime t) {
    std::set<JobStatus> wanted;
    for (const auto& [key, value] : target.query) {
      if (key != "status") continue;
      for (const auto& name : parse_form_list(value)) {
        const auto s = parse_status(name);
        if (!s) return error_reply(rid, {"1003", "Invalid status '" + name + "'"});
        wanted.insert(*s);
      }
    }
    std::size_t batch = kMaxBatchSize;
    if (const auto b = find_param(target.query, "batchSize")) {
      const auto n = parse_uint(*b);
      if (!n || *n < 1 || *n > kMaxBatchSize)
        return error_reply(rid, {"1003", "batchSize must be an integer from 1 to 300"});
      batch = std::size_t(*n);
    }
    std::size_t offset = 0;
    if (const auto token = find_param(target.query, "nextPageToken")) {
      const auto n = token->starts_with("pg") ? parse_uint(token->substr(2)) : std::nullopt;
      if (!n) return error_reply(rid, {"1003", "Invalid nextPageToken"});
      offset = std::size_t(*n);
    }
    std::vector<ShownJob> shown;
    for (const ExportJob* job : board_.jobs_of(client, t - kListWindow)) {
      if (job->spec.entity != r.entity || job->spec.api_name != r.api_name) continue;
      const JobStatus s = board_.visible_status(*job, t);
      if (wanted.empty() || wanted.contains(s)) shown.push_back({job, s});
    }
    std::optional<std::string> next;
    if (offset >= shown.size()) shown.clear();
    else shown.erase(shown.begin(), shown.begin() + std::ptrdiff_t(offset));
    if (shown.size() > batch) {
      shown.resize(batch);
      next = "pg" + std::to_string(offset + batch);
    }
    return jobs_reply(rid, shown, next);
  }

  HttpResponse file(const ExportJob& job, const HttpRequest& request, SimTime t) {
    if (job.status != JobStatus::completed)
      return text_reply(404, "Export file of " + job.id + " is not available: the job is " +
                                 std::string(status_name(job.status)) + "\n");
    if (!board_.file_kept(job, t))
      return text_reply(404, "Export file of " + job.id + " has expired\n");
    const std::uint64_t total = job.file_size;
    const RangeAnswer range = resolve_range(find_header(request, "Range"), total);
    HttpResponse r;
    r.headers.emplace_back("Content-Type", format_info(job.spec.format).content_type);
    r.headers.emplace_back("Accept-Ranges", "bytes");
    switch (range.kind) {
      case RangeAnswer::Kind::whole:
        r.file = FileSlice{job.path, 0, total};
        break;
      case RangeAnswer::Kind::partial:
        r.status = 206;
        r.headers.emplace_back("Content-Range", "bytes " + std::to_string(range.first) + "-" +
                                                    std::to_string(range.last) + "/" + std::to_string(total));
        r.file = FileSlice{job.path, range.first, range.last - range.first + 1};
        break;
      case RangeAnswer::Kind::unsatisfiable:
        r.status = 416;
        r.headers.emplace_back("Content-Range", "bytes */" + std::to_string(total));
        break;
    }
    return r;
  }

  static std::vector<std::string> parse_form_list(const std::string& value) {
    std::vector<std::string> out;
    std::size_t start = 0;
    while (start <= value.size()) {
      const auto comma = value.find(',', start);
      const std::string item = value.substr(start, comma == std::string::npos ? std::string::npos : comma - start);
      if (!item.empty()) out.push_back(item);
      if (comma == std::string::npos) break;
      start = comma + 1;
    }
    return out;
  }

  static std::optional<std::uint64_t> parse_uint(std::string_view s) {
    std::uint64_t v = 0;
    const auto r = std::from_chars(s.data(), s.data() + s.size(), v);
    if (s.empty() || r.ec != std::errc() || r.ptr != s.data() + s.size()) return std::nullopt;
    return v;
  }

  Options options_;
  DataSet data_;
  bool owns_files_dir_ = false;
  std::string files_dir_;
  JobBoard board_;
  ImportDesk imports_;
  TokenStore tokens_;
  std::map<std::string, std::string> clients_;  // client_id -> client_secret
  std::chrono::milliseconds offset_{0};
  std::optional<SimTime> last_;
  bool exhaust_pending_ = false;
  std::uint64_t requests_ = 0;
};

}  // namespace

std::unique_ptr<Simulator> make_simulator(Options options) {
  check_options(options);
  return std::make_unique<SimulatorImpl>(std::move(options));
}

namespace {

std::optional<Entity> parse_entity(const std::string& name) {
  for (Entity e : {Entity::leads, Entity::activities, Entity::program_members, Entity::custom_objects})
    if (entity_name(e) == name) return e;
  return std::nullopt;
}

}  // namespace

ExpectResult expect(const DataOptions& data, const std::string& create_body_json, const std::string& entity,
                    const std::string& api_name) {
  const auto type = parse_entity(entity);
  if (!type) return {{}, "unknown entity '" + entity + "' (expected leads, activities, program_members or custom_objects)"};
  auto parsed = parse_export_request(create_body_json, {}, *type, api_name);
  if (auto* e = std::get_if<MarketoError>(&parsed)) return {{}, e->code + " " + e->message};
  StringSink sink;
  render_entity(DataSet(data), std::get<ExportSpec>(parsed), sink);
  return {std::move(sink.data()), {}};
}

std::string expect_to_file(const DataOptions& data, const std::string& create_body_json,
                           const std::string& path) {
  auto parsed = parse_export_request(create_body_json, {});
  if (auto* e = std::get_if<MarketoError>(&parsed)) return e->code + " " + e->message;
  FileSink sink(path);
  if (!sink.is_open()) return "cannot write " + path;
  const RenderStats stats = render_entity(DataSet(data), std::get<ExportSpec>(parsed), sink);
  if (!sink.close() || !stats.ok) return "cannot write " + path;
  return {};
}

}  // namespace fake
