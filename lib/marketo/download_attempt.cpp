#include "marketo/download_attempt.hpp"

#include <fmt/format.h>

#include "marketo/answer_parser.hpp"
#include "marketo/content_range.hpp"
#include "marketo/file_stream.hpp"

namespace msync::marketo {
namespace {

constexpr std::string_view kEndpoint = "export.file";

Failure range_mismatch(std::string what, unsigned status) {
  return Failure{Action::retry_now, Reason::range_mismatch, "",
                 fmt::format("{}: {}; cut the partial file back to the offset asked and retry",
                             kEndpoint, what),
                 status};
}

std::optional<Failure> file_status_meaning(unsigned status, std::uint64_t offset) {
  if (status == 404) {
    return Failure{Action::fail_job, Reason::file_not_available, "",
                   fmt::format("{}: file not available (HTTP 404): the job is not completed yet or "
                               "its file has expired; which of the two is unknown",
                               kEndpoint),
                   status};
  }
  if (status == 416) {
    return Failure{Action::retry_now, Reason::range_not_satisfiable, "",
                   fmt::format("{}: offset {} lies beyond the file (HTTP 416); restart from byte 0",
                               kEndpoint, offset),
                   status};
  }
  return std::nullopt;
}

}  // namespace

boost::asio::awaitable<Outcome<Download>> download_once(http::Client& client, http::Request request,
                                                        std::uint64_t offset, http::BodySink& sink,
                                                        Attempt& attempt) {
  const StatusMeaning meaning = [offset](unsigned status) { return file_status_meaning(status, offset); };
  auto streamed = co_await stream_file(client, std::move(request), kEndpoint, sink, attempt, meaning);
  if (!streamed) co_return streamed.failure();

  const http::DownloadResult& answer = streamed->answer;
  Download download{answer.status, streamed->bytes, std::nullopt};
  if (download.http_status == 200) {
    if (offset > 0) {
      co_return range_mismatch(fmt::format("asked for bytes from {} but got the whole file (HTTP 200, "
                                           "{} bytes written)",
                                           offset, download.bytes),
                               download.http_status);
    }
    download.file_size = parse_u64(answer.header("Content-Length"));
    co_return download;
  }
  const std::string_view header = answer.header("Content-Range");
  const auto range = parse_content_range(header);
  if (!range || range->first != offset) {
    co_return range_mismatch(fmt::format("asked for bytes from {} but got Content-Range \"{}\" "
                                         "({} bytes written)",
                                         offset, printable(header, 80), download.bytes),
                             download.http_status);
  }
  download.file_size = range->total;
  co_return download;
}

}  // namespace msync::marketo
