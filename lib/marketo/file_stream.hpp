#pragma once
// One exchange with an endpoint that answers a file (export file.json, import failures.json and
// warnings.json): a 200 or 206 body streams to the sink, but its first bytes are held back until it is
// clear they are not a Marketo error envelope sent in place of the file, which never reaches it.
#include <cstdint>
#include <functional>
#include <optional>
#include <string_view>

#include <boost/asio/awaitable.hpp>

#include "http/http.hpp"
#include "marketo/attempt.hpp"
#include "marketo/failure.hpp"

namespace msync::marketo {

struct StreamedFile {
  http::DownloadResult answer;  // status 200 or 206, and the headers
  std::uint64_t bytes = 0;      // handed to the sink
};

// What another status means on this endpoint when it means something particular (file.json's
// 404 and 416); nullopt leaves it to status_failure().
using StatusMeaning = std::function<std::optional<Failure>(unsigned status)>;

// attempt.repeatable ends false once any byte reached the sink.
boost::asio::awaitable<Outcome<StreamedFile>> stream_file(http::Client& client, http::Request request,
                                                          std::string_view endpoint, http::BodySink& sink,
                                                          Attempt& attempt,
                                                          const StatusMeaning& meaning = {});

}  // namespace msync::marketo
