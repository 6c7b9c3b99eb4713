#include "marketo/file_stream.hpp"

#include <fmt/format.h>

#include "marketo/answer_parser.hpp"
#include "marketo/call_failures.hpp"
#include "marketo/holdback_sink.hpp"

namespace msync::marketo {
namespace {

Failure sink_refused(std::string_view endpoint, const core::Error& error, unsigned status) {
  return Failure{Action::backoff, Reason::sink_refused, "",
                 fmt::format("{}: the file could not be written: {}", endpoint, error.message), status};
}

}  // namespace

boost::asio::awaitable<Outcome<StreamedFile>> stream_file(http::Client& client, http::Request request,
                                                          std::string_view endpoint,
                                                          http::BodySink& sink, Attempt& attempt,
                                                          const StatusMeaning& meaning) {
  HoldbackSink guard(sink);
  auto answer = co_await client.download(std::move(request), guard);
  attempt.repeatable = guard.forwarded() == 0;
  if (guard.target_error()) {
    co_return sink_refused(endpoint, *guard.target_error(), answer ? answer->status : 0);
  }
  if (!answer) co_return transport_failure(endpoint, answer.error());

  const unsigned status = answer->status;
  attempt.http_status = status;
  if (status != 200 && status != 206) {
    if (meaning) {
      if (auto failure = meaning(status)) co_return std::move(*failure);
    }
    co_return status_failure(endpoint, status, answer->error_body);
  }
  if (const auto held = guard.held_whole()) {
    if (auto failure = parse_error_envelope(endpoint, *held, status)) co_return *failure;
  }
  if (auto released = guard.release(); !released) {
    attempt.repeatable = false;
    co_return sink_refused(endpoint, released.error(), status);
  }
  attempt.repeatable = guard.forwarded() == 0;
  co_return StreamedFile{std::move(answer.value()), guard.forwarded()};
}

}  // namespace msync::marketo
