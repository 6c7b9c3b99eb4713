#pragma once
// One exchange with file.json and what its answer means: file bytes from the right offset, or a
// Failure (404, 416, a misplaced range, a Marketo error sent in place of the file, a sink refusal).
#include <cstdint>

#include <boost/asio/awaitable.hpp>

#include "http/http.hpp"
#include "marketo/api.hpp"
#include "marketo/attempt.hpp"

namespace msync::marketo {

boost::asio::awaitable<Outcome<Download>> download_once(http::Client& client, http::Request request,
                                                        std::uint64_t offset, http::BodySink& sink,
                                                        Attempt& attempt);

}  // namespace msync::marketo
