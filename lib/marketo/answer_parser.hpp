#pragma once
// Reads Marketo's JSON answers defensively: every field is checked for presence and type, ids and
// sizes are validated, and what is wrong is named in the Failure (field path and endpoint).
// Garbled JSON counts as transient (Action::backoff): proxies and fake-marketo's faults produce it.
#include <chrono>
#include <string>
#include <string_view>
#include <vector>

#include "marketo/export_job.hpp"
#include "marketo/failure.hpp"

namespace msync::marketo {

struct JobsAnswer {
  std::vector<ExportJob> jobs;
  std::string next_page_token;  // "" when there is no further page
};

struct TokenAnswer {
  std::string access_token;
  std::chrono::seconds expires_in{0};
};

// A bulk export answer: {"success": true, "result": [jobs...]} or {"success": false, "errors": [...]}
// (the latter becomes a Failure with the error table's Action).
Outcome<JobsAnswer> parse_jobs_answer(std::string_view endpoint, std::string_view body,
                                      unsigned http_status);

// The identity service's {"access_token", "token_type", "expires_in", "scope"}.
Outcome<TokenAnswer> parse_token_answer(std::string_view body, unsigned http_status);

// If body is a Marketo error envelope ({"success": false, "errors": [...]}), its Failure.
// Used on downloads, where Marketo may answer 200 with JSON instead of the file.
std::optional<Failure> parse_error_envelope(std::string_view endpoint, std::string_view body,
                                            unsigned http_status);

// The Failure for Marketo error (code, message) on endpoint, per the error table.
Failure marketo_failure(std::string_view endpoint, std::string_view code, std::string_view message,
                        unsigned http_status);

// A text from the other side made safe for a log line: control characters replaced, length capped.
std::string printable(std::string_view text, std::size_t max_length = 200);

}  // namespace msync::marketo
