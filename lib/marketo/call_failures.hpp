#pragma once
// The Failures every endpoint shares: no answer at all, an HTTP status we did not expect, an
// answer we cannot read, and a call stopped by shutdown. Each message starts with the endpoint.
#include <string>
#include <string_view>

#include "core/core.hpp"
#include "marketo/failure.hpp"

namespace msync::marketo {

// What a failed exchange (no answer at all) means.
Failure transport_failure(std::string_view endpoint, const core::Error& error);
// An HTTP status we did not expect, unless its body is a Marketo error envelope.
Failure status_failure(std::string_view endpoint, unsigned status, std::string_view body);
// An answer that is not what Marketo sends: transient, since proxies and faults produce them.
Failure malformed_answer(std::string_view endpoint, std::string_view what, unsigned http_status);
Failure cancelled_failure(std::string_view endpoint);
// True when Marketo answered that it did not take the request (an error envelope, HTTP 429).
bool refused(const Failure& failure);
// The failure of a request that may have taken effect all the same (an upload lost in transit or
// answered unreadably): says so, for the operator who must decide whether to send it again.
Failure may_have_taken_effect(Failure failure);
// A request the caller built wrong: it is never sent.
Failure invalid_argument(std::string_view endpoint, std::string_view what);

}  // namespace msync::marketo
