#pragma once
// What one attempt of a call reports to the retry loop (RestApi::call) besides its Outcome.

namespace msync::marketo {

struct Attempt {
  unsigned http_status = 0;  // 0 when no answer arrived
  bool repeatable = true;    // false once the request may have taken effect or bytes reached a sink
};

}  // namespace msync::marketo
