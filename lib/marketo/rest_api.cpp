#include "marketo/rest_api.hpp"

#include <fmt/format.h>

#include <cmath>
#include <set>

#include "marketo/download_attempt.hpp"
#include "marketo/export_request.hpp"
#include "marketo/rest_api_call.hpp"
#include "marketo/url.hpp"

namespace msync::marketo {
namespace {

constexpr int kListBatchSize = 300;
// Seven days of jobs at 300 a page is a handful of pages; more means a server that loops.
constexpr int kMaxListPages = 100;

std::optional<Failure> check_entity(std::string_view endpoint, const ExportEntity& entity) {
  std::string problem = entity_problem(entity);
  if (problem.empty()) return std::nullopt;
  return invalid_argument(endpoint, std::move(problem));
}

std::optional<Failure> check_id(std::string_view endpoint, const ExportEntity& entity,
                                std::string_view export_id) {
  if (auto bad = check_entity(endpoint, entity)) return bad;
  if (valid_export_id(export_id)) return std::nullopt;
  return invalid_argument(endpoint, fmt::format("export id \"{}\" is not an id of [A-Za-z0-9-]",
                                                printable(export_id, 80)));
}

// The lowercase names Marketo's export.json takes in its status filter.
std::string status_filter(const std::vector<ExportStatus>& statuses) {
  std::set<std::string> names;
  for (ExportStatus status : statuses) {
    std::string name(to_string(status));
    for (char& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    names.insert(std::move(name));
  }
  return fmt::format("{}", fmt::join(names, ","));
}

}  // namespace

RestApi::RestApi(const Settings& settings, Origins origins, ClientFactory factory,
                 std::shared_ptr<Timing> timing, CallObserver observer)
    : origins_(std::move(origins)),
      max_attempts_(std::max(1u, settings.max_attempts)),
      backoff_base_(settings.backoff_base),
      timing_(std::move(timing)),
      recorder_(std::move(observer)),
      rest_pool_(factory, origins_.rest_origin),
      identity_pool_(factory, origins_.identity_origin),
      tokens_(identity_pool_,
              TokenSettings{origins_.identity_prefix, settings.client_id, settings.client_secret,
                            settings.token_margin},
              *timing_, recorder_),
      limiter_(*timing_, settings.calls_per_20s, settings.call_window, settings.max_concurrent_calls),
      random_(std::random_device{}()) {}

http::Request RestApi::request(std::string method, std::string path) const {
  http::Request request;
  request.method = std::move(method);
  request.target = origins_.rest_prefix + path;
  request.headers.emplace_back("Accept", "application/json");
  return request;
}

Timing::Clock::duration RestApi::backoff_delay(unsigned attempt) {
  std::uniform_real_distribution<double> jitter(0.75, 1.25);
  const double scaled = static_cast<double>(backoff_base_.count()) *
                        std::ldexp(1.0, static_cast<int>(attempt) - 1) * jitter(random_);
  return std::chrono::milliseconds(static_cast<std::int64_t>(scaled));
}

boost::asio::awaitable<Outcome<ExportJob>> RestApi::job_call(std::string_view endpoint,
                                                             std::string method,
                                                             ExportEntity entity,
                                                             std::string export_id,
                                                             std::string_view action) {
  if (auto bad = check_id(endpoint, entity, export_id)) co_return *bad;
  const Resend resend = method == "GET" ? Resend::always : Resend::after_answer;
  http::Request exchange =
      request(std::move(method), fmt::format("{}/{}/{}.json", export_path(entity), export_id, action));
  auto answer = co_await json_call(endpoint, std::move(exchange), resend, &parse_jobs_answer);
  if (!answer) co_return answer.failure();
  if (answer->jobs.empty()) co_return malformed_answer(endpoint, "\"result\" holds no job", 200);
  if (answer->jobs.front().export_id != export_id) {
    co_return malformed_answer(endpoint,
                               fmt::format("the answer is about export {}, not {}",
                                           answer->jobs.front().export_id, export_id),
                               200);
  }
  co_return std::move(answer->jobs.front());
}

boost::asio::awaitable<Outcome<ExportJob>> RestApi::create_export(ExportSpec spec) {
  constexpr std::string_view endpoint = "export.create";
  auto body = create_export_body(spec);
  if (!body) co_return body.failure();
  http::Request create = request("POST", fmt::format("{}/create.json", export_path(spec.entity)));
  create.headers.emplace_back("Content-Type", "application/json");
  create.body = std::move(body.value());
  auto answer =
      co_await json_call(endpoint, std::move(create), Resend::after_answer, &parse_jobs_answer);
  if (!answer) co_return answer.failure();
  if (answer->jobs.empty()) co_return malformed_answer(endpoint, "\"result\" holds no job", 200);
  co_return std::move(answer->jobs.front());
}

boost::asio::awaitable<Outcome<ExportJob>> RestApi::enqueue_export(ExportEntity entity, std::string export_id) {
  co_return co_await job_call("export.enqueue", "POST", std::move(entity), std::move(export_id), "enqueue");
}

boost::asio::awaitable<Outcome<ExportJob>> RestApi::export_status(ExportEntity entity, std::string export_id) {
  co_return co_await job_call("export.status", "GET", std::move(entity), std::move(export_id), "status");
}

boost::asio::awaitable<Outcome<ExportJob>> RestApi::cancel_export(ExportEntity entity, std::string export_id) {
  co_return co_await job_call("export.cancel", "POST", std::move(entity), std::move(export_id), "cancel");
}

boost::asio::awaitable<Outcome<std::vector<ExportJob>>> RestApi::list_exports(
    ExportEntity entity, std::vector<ExportStatus> statuses) {
  constexpr std::string_view endpoint = "export.list";
  if (auto bad = check_entity(endpoint, entity)) co_return *bad;
  std::vector<ExportJob> jobs;
  std::set<std::string> seen_tokens;
  std::string page_token;
  for (int page = 0; page < kMaxListPages; ++page) {
    std::string path = fmt::format("{}.json?batchSize={}", export_path(entity), kListBatchSize);
    if (!statuses.empty()) path += "&status=" + status_filter(statuses);
    if (!page_token.empty()) path += "&nextPageToken=" + percent_encode(page_token);
    http::Request list = request("GET", std::move(path));
    auto answer = co_await json_call(endpoint, std::move(list), Resend::always, &parse_jobs_answer);
    if (!answer) co_return answer.failure();
    for (ExportJob& job : answer->jobs) jobs.push_back(std::move(job));
    page_token = std::move(answer->next_page_token);
    if (page_token.empty()) co_return jobs;
    if (!seen_tokens.insert(page_token).second) {
      co_return malformed_answer(endpoint, "nextPageToken repeats an earlier page", 200);
    }
  }
  co_return malformed_answer(endpoint, fmt::format("more than {} pages of jobs", kMaxListPages), 200);
}

boost::asio::awaitable<Outcome<Download>> RestApi::download_export(ExportEntity entity,
                                                                   std::string export_id,
                                                                   std::uint64_t offset,
                                                                   http::BodySink& sink) {
  constexpr std::string_view endpoint = "export.file";
  if (auto bad = check_id(endpoint, entity, export_id)) co_return *bad;
  http::Request file = request("GET", fmt::format("{}/{}/file.json", export_path(entity), export_id));
  if (offset > 0) file.headers.emplace_back("Range", fmt::format("bytes={}-", offset));
  co_return co_await call<Download>(
      endpoint, std::move(file),
      [offset, &sink](http::Client& client, http::Request sent,
                      Attempt& info) -> boost::asio::awaitable<Outcome<Download>> {
        co_return co_await download_once(client, std::move(sent), offset, sink, info);
      });
}

}  // namespace msync::marketo
