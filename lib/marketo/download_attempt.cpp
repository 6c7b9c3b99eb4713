#include "marketo/download_attempt.hpp"

#include <fmt/format.h>

#include "marketo/answer_parser.hpp"
#include "marketo/content_range.hpp"
#include "marketo/error_table.hpp"
#include "marketo/holdback_sink.hpp"

namespace msync::marketo {
namespace {

constexpr std::string_view kEndpoint = "export.file";

Failure range_mismatch(std::string what, unsigned status) {
  return Failure{Action::retry_now, Reason::range_mismatch, "",
                 fmt::format("{}: {}; cut the partial file back to the offset asked and retry",
                             kEndpoint, what),
                 status};
}

}  // namespace

Failure transport_failure(std::string_view endpoint, const core::Error& error) {
  switch (error.kind) {
    case core::ErrorKind::cancelled:
      return Failure{Action::backoff, Reason::cancelled, "", fmt::format("{}: cancelled", endpoint), 0};
    case core::ErrorKind::permanent:
      return Failure{Action::fail_config, Reason::transport, "",
                     fmt::format("{}: {}", endpoint, error.message), 0};
    default:
      return Failure{Action::backoff, Reason::transport, "",
                     fmt::format("{}: {}", endpoint, error.message), 0};
  }
}

Failure status_failure(std::string_view endpoint, unsigned status, std::string_view body) {
  if (auto failure = parse_error_envelope(endpoint, body, status)) return *failure;
  return Failure{action_for_http_status(status), Reason::http_status, "",
                 fmt::format("{}: unexpected HTTP status {}", endpoint, status), status};
}

boost::asio::awaitable<Outcome<Download>> download_once(http::Client& client, http::Request request,
                                                        std::uint64_t offset, http::BodySink& sink,
                                                        Attempt& attempt) {
  HoldbackSink guard(sink);
  const auto answer = co_await client.download(std::move(request), guard);
  attempt.repeatable = guard.forwarded() == 0;
  if (guard.target_error()) {
    co_return Failure{Action::backoff, Reason::sink_refused, "",
                      fmt::format("{}: the file could not be written: {}", kEndpoint,
                                  guard.target_error()->message),
                      answer ? answer->status : 0};
  }
  if (!answer) co_return transport_failure(kEndpoint, answer.error());

  const unsigned status = answer->status;
  attempt.http_status = status;
  if (status == 404) {
    co_return Failure{Action::fail_job, Reason::file_not_available, "",
                      fmt::format("{}: file not available (HTTP 404): the job is not completed yet or "
                                  "its file has expired; which of the two is unknown",
                                  kEndpoint),
                      status};
  }
  if (status == 416) {
    co_return Failure{Action::retry_now, Reason::range_not_satisfiable, "",
                      fmt::format("{}: offset {} lies beyond the file (HTTP 416); restart from byte 0",
                                  kEndpoint, offset),
                      status};
  }
  if (status != 200 && status != 206) co_return status_failure(kEndpoint, status, answer->error_body);

  if (const auto held = guard.held_whole()) {
    if (auto failure = parse_error_envelope(kEndpoint, *held, status)) co_return *failure;
  }
  if (auto released = guard.release(); !released) {
    attempt.repeatable = false;
    co_return Failure{Action::backoff, Reason::sink_refused, "",
                      fmt::format("{}: the file could not be written: {}", kEndpoint,
                                  released.error().message),
                      status};
  }
  attempt.repeatable = guard.forwarded() == 0;

  Download download{status, guard.forwarded(), std::nullopt};
  if (status == 200) {
    if (offset > 0) {
      co_return range_mismatch(fmt::format("asked for bytes from {} but got the whole file (HTTP 200, "
                                           "{} bytes written)",
                                           offset, download.bytes),
                               status);
    }
    download.file_size = parse_u64(answer->header("Content-Length"));
    co_return download;
  }
  const std::string_view header = answer->header("Content-Range");
  const auto range = parse_content_range(header);
  if (!range || range->first != offset) {
    co_return range_mismatch(fmt::format("asked for bytes from {} but got Content-Range \"{}\" "
                                         "({} bytes written)",
                                         offset, printable(header, 80), download.bytes),
                             status);
  }
  download.file_size = range->total;
  co_return download;
}

}  // namespace msync::marketo
