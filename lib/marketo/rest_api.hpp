#pragma once
// The real Api: Marketo's REST endpoints over injected http::Clients. Every call goes through
// call(): budget -> token -> one exchange -> record -> re-authenticate once / back off / give up.
#include <memory>
#include <random>
#include <string>
#include <string_view>

#include "marketo/answer_parser.hpp"
#include "marketo/api.hpp"
#include "marketo/call_limiter.hpp"
#include "marketo/call_recorder.hpp"
#include "marketo/client_pool.hpp"
#include "marketo/settings.hpp"
#include "marketo/token_cache.hpp"

namespace msync::marketo {

struct Origins {
  std::string rest_origin;      // scheme://host[:port]
  std::string rest_prefix;      // path before /bulk/v1; "" for a plain origin
  std::string identity_origin;
  std::string identity_prefix;  // "/identity" by default
};

// What one attempt reports besides its Outcome.
struct Attempt {
  unsigned http_status = 0;  // 0 when no answer arrived
  bool repeatable = true;    // false once the request may have taken effect or bytes reached a sink
};

class RestApi final : public Api {
 public:
  RestApi(const Settings& settings, Origins origins, ClientFactory factory,
          std::shared_ptr<Timing> timing, CallObserver observer);

  boost::asio::awaitable<Outcome<ExportJob>> create_export(ExportSpec spec) override;
  boost::asio::awaitable<Outcome<ExportJob>> enqueue_export(std::string export_id) override;
  boost::asio::awaitable<Outcome<ExportJob>> export_status(std::string export_id) override;
  boost::asio::awaitable<Outcome<ExportJob>> cancel_export(std::string export_id) override;
  boost::asio::awaitable<Outcome<std::vector<ExportJob>>> list_exports(
      std::vector<ExportStatus> statuses) override;
  boost::asio::awaitable<Outcome<Download>> download_export(std::string export_id, std::uint64_t offset,
                                                            http::BodySink& sink) override;

 private:
  template <class T, class Perform>
  boost::asio::awaitable<Outcome<T>> call(std::string_view endpoint, http::Request request,
                                          Perform perform);
  boost::asio::awaitable<Outcome<JobsAnswer>> json_call(std::string_view endpoint,
                                                        http::Request request);
  boost::asio::awaitable<Outcome<ExportJob>> job_call(std::string_view endpoint, std::string method,
                                                      std::string export_id, std::string_view action);
  http::Request request(std::string method, std::string path) const;
  Timing::Clock::duration backoff_delay(unsigned attempt);

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
