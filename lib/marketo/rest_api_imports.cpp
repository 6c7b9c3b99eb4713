// RestApi's Bulk Import and describe calls (the class is declared in rest_api.hpp).
#include <fmt/format.h>

#include "marketo/export_entity.hpp"
#include "marketo/file_stream.hpp"
#include "marketo/import_answers.hpp"
#include "marketo/import_upload.hpp"
#include "marketo/rest_api.hpp"
#include "marketo/rest_api_call.hpp"

namespace msync::marketo {
namespace {

constexpr std::string_view kImportPath = "/bulk/v1/program/members/import";

std::optional<Failure> check_batch(std::string_view endpoint, std::int64_t batch_id) {
  if (batch_id > 0) return std::nullopt;
  return invalid_argument(endpoint, fmt::format("batch id {} is not a positive id", batch_id));
}

}  // namespace

std::string RestApi::new_boundary() {
  static constexpr std::string_view kHex = "0123456789abcdef";
  std::uniform_int_distribution<std::size_t> digit(0, kHex.size() - 1);
  std::string boundary = "msync-";
  for (int i = 0; i < 32; ++i) boundary.push_back(kHex[digit(random_)]);
  return boundary;
}

boost::asio::awaitable<Outcome<ImportBatchInfo>> RestApi::import_program_members(ImportUpload upload) {
  constexpr std::string_view endpoint = "import.create";
  auto form = import_upload_body(endpoint, upload, [this] { return new_boundary(); });
  if (!form) co_return form.failure();
  std::string().swap(upload.content);  // the body holds the file now; one copy of 10 MB is enough
  http::Request create =
      request("POST", fmt::format("/bulk/v1/program/{}/members/import.json", upload.program_id));
  create.headers.emplace_back("Content-Type", std::move(form->content_type));
  create.body = std::move(form->body);
  co_return co_await json_call(endpoint, std::move(create), Resend::after_refusal, &parse_import_answer);
}

boost::asio::awaitable<Outcome<ImportBatchInfo>> RestApi::import_status(std::int64_t batch_id) {
  constexpr std::string_view endpoint = "import.status";
  if (auto bad = check_batch(endpoint, batch_id)) co_return *bad;
  http::Request status = request("GET", fmt::format("{}/{}/status.json", kImportPath, batch_id));
  auto answer = co_await json_call(endpoint, std::move(status), Resend::always, &parse_import_answer);
  if (answer && answer->batch_id != batch_id) {
    const std::string what = fmt::format("the answer is about batch {}, not {}", answer->batch_id, batch_id);
    co_return malformed_answer(endpoint, what, 200);
  }
  co_return answer;
}

boost::asio::awaitable<Outcome<std::uint64_t>> RestApi::import_file(std::string_view endpoint,
                                                                    std::int64_t batch_id,
                                                                    std::string_view which,
                                                                    http::BodySink& sink) {
  if (auto bad = check_batch(endpoint, batch_id)) co_return *bad;
  http::Request file = request("GET", fmt::format("{}/{}/{}.json", kImportPath, batch_id, which));
  co_return co_await call<std::uint64_t>(
      endpoint, std::move(file),
      [endpoint, &sink](http::Client& client, http::Request sent,
                        Attempt& info) -> boost::asio::awaitable<Outcome<std::uint64_t>> {
        auto streamed = co_await stream_file(client, std::move(sent), endpoint, sink, info);
        if (!streamed) co_return streamed.failure();
        co_return streamed->bytes;
      });
}

boost::asio::awaitable<Outcome<std::uint64_t>> RestApi::import_failures(std::int64_t batch_id,
                                                                        http::BodySink& sink) {
  co_return co_await import_file("import.failures", batch_id, "failures", sink);
}

boost::asio::awaitable<Outcome<std::uint64_t>> RestApi::import_warnings(std::int64_t batch_id,
                                                                        http::BodySink& sink) {
  co_return co_await import_file("import.warnings", batch_id, "warnings", sink);
}

boost::asio::awaitable<Outcome<std::vector<FieldInfo>>> RestApi::describe_lead_fields() {
  co_return co_await json_call("describe.leads", request("GET", "/rest/v1/leads/describe.json"),
                               Resend::always, &parse_lead_fields_answer);
}

boost::asio::awaitable<Outcome<std::vector<FieldInfo>>> RestApi::describe_program_member_fields() {
  co_return co_await json_call("describe.program_members",
                               request("GET", "/rest/v1/program/members/describe.json"), Resend::always,
                               &parse_program_member_fields_answer);
}

boost::asio::awaitable<Outcome<std::vector<FieldInfo>>> RestApi::describe_custom_object_fields(std::string api_name) {
  constexpr std::string_view endpoint = "describe.custom_object";
  if (std::string problem = entity_problem(ExportEntity{EntityType::custom_objects, api_name}); !problem.empty())
    co_return invalid_argument(endpoint, problem);
  const std::string path = fmt::format("/rest/v1/customobjects/{}/describe.json", api_name);
  co_return co_await json_call(endpoint, request("GET", path), Resend::always, &parse_program_member_fields_answer);
}

}  // namespace msync::marketo
