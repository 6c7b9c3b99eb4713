#pragma once
// The real Marketo: its REST endpoints over injected http::Clients. Every call goes through
// call(): budget -> token -> one exchange -> record -> re-authenticate once / back off / give up.
// The export calls are in rest_api.cpp, the import and describe calls in rest_api_imports.cpp,
// the templates they share in rest_api_call.hpp.
#include <memory>
#include <random>
#include <string>
#include <string_view>

#include "marketo/answer_parser.hpp"
#include "marketo/api.hpp"
#include "marketo/attempt.hpp"
#include "marketo/call_limiter.hpp"
#include "marketo/call_recorder.hpp"
#include "marketo/client_pool.hpp"
#include "marketo/import_api.hpp"
#include "marketo/settings.hpp"
#include "marketo/token_cache.hpp"

namespace msync::marketo {

struct Origins {
  std::string rest_origin;      // scheme://host[:port]
  std::string rest_prefix;      // path before /bulk/v1 and /rest/v1; "" for a plain origin
  std::string identity_origin;
  std::string identity_prefix;  // "/identity" by default
};

class RestApi final : public Marketo {
 public:
  RestApi(const Settings& settings, Origins origins, ClientFactory factory,
          std::shared_ptr<Timing> timing, CallObserver observer);

  // Api (Bulk Extract).
  boost::asio::awaitable<Outcome<ExportJob>> create_export(ExportSpec spec) override;
  boost::asio::awaitable<Outcome<ExportJob>> enqueue_export(ExportEntity entity, std::string export_id) override;
  boost::asio::awaitable<Outcome<ExportJob>> export_status(ExportEntity entity, std::string export_id) override;
  boost::asio::awaitable<Outcome<ExportJob>> cancel_export(ExportEntity entity, std::string export_id) override;
  boost::asio::awaitable<Outcome<std::vector<ExportJob>>> list_exports(
      ExportEntity entity, std::vector<ExportStatus> statuses) override;
  boost::asio::awaitable<Outcome<Download>> download_export(ExportEntity entity, std::string export_id, std::uint64_t offset,
                                                            http::BodySink& sink) override;

  // ImportApi (Bulk Import of program members, describe).
  boost::asio::awaitable<Outcome<ImportBatchInfo>> import_program_members(ImportUpload upload) override;
  boost::asio::awaitable<Outcome<ImportBatchInfo>> import_status(std::int64_t batch_id) override;
  boost::asio::awaitable<Outcome<std::uint64_t>> import_failures(std::int64_t batch_id,
                                                                  http::BodySink& sink) override;
  boost::asio::awaitable<Outcome<std::uint64_t>> import_warnings(std::int64_t batch_id,
                                                                  http::BodySink& sink) override;
  boost::asio::awaitable<Outcome<std::vector<FieldInfo>>> describe_lead_fields() override;
  boost::asio::awaitable<Outcome<std::vector<FieldInfo>>> describe_program_member_fields() override;
  boost::asio::awaitable<Outcome<std::vector<FieldInfo>>> describe_custom_object_fields(std::string api_name) override;

 private:
  // When an attempt that failed may be sent again (within the attempt budget).
  enum class Resend {
    always,         // a read
    after_answer,   // once an answer arrived: a request lost in transit may have taken effect
    after_refusal,  // only when Marketo refused it (an error envelope, HTTP 429): an upload, whose
                    // second sending would make a second batch
  };
  template <class T>
  using AnswerParser = Outcome<T> (*)(std::string_view endpoint, std::string_view body, unsigned http_status);

  template <class T, class Perform>
  boost::asio::awaitable<Outcome<T>> call(std::string_view endpoint, http::Request request,
                                          Perform perform);
  template <class T>
  boost::asio::awaitable<Outcome<T>> json_call(std::string_view endpoint, http::Request request,
                                               Resend resend, AnswerParser<T> parse);
  boost::asio::awaitable<Outcome<ExportJob>> job_call(std::string_view endpoint, std::string method,
                                                      ExportEntity entity, std::string export_id,
                                                      std::string_view action);
  boost::asio::awaitable<Outcome<std::uint64_t>> import_file(std::string_view endpoint,
                                                             std::int64_t batch_id,
                                                             std::string_view which, http::BodySink& sink);
  http::Request request(std::string method, std::string path) const;
  Timing::Clock::duration backoff_delay(unsigned attempt);
  std::string new_boundary();

  Origins origins_;
  unsigned max_attempts_;
  std::chrono::milliseconds backoff_base_;
  std::shared_ptr<Timing> timing_;
  CallRecorder recorder_;
  ClientPool rest_pool_;
  ClientPool identity_pool_;
  TokenCache tokens_;
  CallLimiter limiter_;
  std::mt19937 random_;
};

}  // namespace msync::marketo
