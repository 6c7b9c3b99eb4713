#pragma once
// Marketo's error codes and what each asks of us, as one table (error_table.cpp) rather than an
// if-chain, so that a reviewer can hold it against DESIGN.md's contract line by line.
#include <string_view>

#include "marketo/failure.hpp"

namespace msync::marketo {

struct ErrorRule {
  std::string_view code;
  std::string_view message_part;  // "" matches any message; else a case-insensitive substring
  Action action;
  std::string_view meaning;       // what the code means, for error messages
};

// The rule for a Marketo error (code, message). Codes that share a number (1029) are told apart by
// their message; an unknown code, or a 1029 with an unknown message, gets the code's default rule
// or fail_job ("unknown code": failing the job visibly beats looping on something we don't know).
const ErrorRule& rule_for(std::string_view code, std::string_view message);

// The Action for an HTTP status outside 2xx on a JSON endpoint: 5xx and 429 are transient.
Action action_for_http_status(unsigned status);

}  // namespace msync::marketo
