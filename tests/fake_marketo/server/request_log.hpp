#pragma once
// Every request the server answered, as JSON lines: in memory (GET /admin/requests) and, when
// asked, appended to a file (--request-log). Secrets never reach it: the query keeps its keys but
// client_secret and access_token lose their values, and only the presence of Authorization is noted.
#include <cstdint>
#include <fstream>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace fake {

struct RequestRecord {
  std::string time;  // when the answer was sent, ISO-8601 UTC with milliseconds (real clock)
  std::string method;
  std::string target;  // path and query as received (redacted by RequestLog::append)
  unsigned status = 0;
  std::string marketo_error;  // "606", "1029", ... or ""
  bool authorization = false;  // an Authorization header was present
  std::uint64_t bytes = 0;     // body bytes actually sent
  std::string faults;          // injected faults, comma-separated
  // Bulk export calls: jobs Processing and Queued (processing included) in the subscription's
  // queue once answered.
  std::optional<unsigned> processing, queued;
};

class RequestLog {
 public:
  // path may be empty (memory only). Throws std::runtime_error when the file cannot be opened.
  explicit RequestLog(const std::string& path);

  void append(RequestRecord record);
  std::string json_lines() const;

  // The target with the values of secret-bearing query parameters replaced by "REDACTED".
  static std::string redact(std::string_view target);

 private:
  std::vector<std::string> lines_;
  std::ofstream file_;
};

}  // namespace fake
