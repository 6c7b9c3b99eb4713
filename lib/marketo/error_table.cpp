#include "marketo/error_table.hpp"

#include <array>

#include "marketo/ascii.hpp"

namespace msync::marketo {
namespace {

// Order matters only within one code: message-specific rules come before the code's default.
constexpr std::array kRules{
    ErrorRule{"601", "", Action::reauthenticate, "access token invalid"},
    ErrorRule{"602", "", Action::reauthenticate, "access token expired"},
    ErrorRule{"603", "", Action::fail_config, "access denied: the API user lacks a permission"},
    ErrorRule{"604", "", Action::backoff, "request timed out"},
    ErrorRule{"606", "", Action::backoff, "rate limit of 100 calls per 20 s exceeded"},
    ErrorRule{"607", "", Action::wait_for_quota_reset, "daily call quota reached"},
    ErrorRule{"608", "", Action::backoff, "API temporarily unavailable"},
    ErrorRule{"609", "", Action::fail_job, "invalid JSON in the request"},
    ErrorRule{"611", "", Action::backoff, "system error"},
    ErrorRule{"615", "", Action::backoff, "more than 10 concurrent calls"},
    ErrorRule{"713", "", Action::backoff, "transient error"},
    ErrorRule{"1003", "", Action::fail_job, "invalid value or request not allowed"},
    ErrorRule{"1004", "", Action::fail_job, "lead not found"},
    ErrorRule{"1006", "", Action::fail_job, "field not found: a header names no field of the instance"},
    ErrorRule{"1013", "", Action::fail_job, "object not found (program, batch or list)"},
    ErrorRule{"1016", "", Action::wait_for_slot, "too many imports: 10 queued, 2 of them importing"},
    ErrorRule{"1025", "", Action::fail_job, "program status not found for the program's channel"},
    ErrorRule{"1029", "Export daily quota exceeded", Action::wait_for_quota_reset,
              "daily export quota exceeded"},
    ErrorRule{"1029", "Too many jobs", Action::wait_for_slot, "too many export jobs in queue"},
    ErrorRule{"1029", "already queued", Action::wait_for_slot, "job already queued"},
    ErrorRule{"1029", "", Action::wait_for_slot, "export queue limit reached"},
    ErrorRule{"1035", "", Action::fail_job, "filter type not supported by this subscription"},
};

constexpr ErrorRule kUnknown{"", "", Action::fail_job, "unknown Marketo error code"};

}  // namespace

const ErrorRule& rule_for(std::string_view code, std::string_view message) {
  for (const ErrorRule& rule : kRules) {
    if (rule.code != code) continue;
    if (rule.message_part.empty() || contains_ignoring_case(message, rule.message_part)) return rule;
  }
  return kUnknown;
}

Action action_for_http_status(unsigned status) {
  if (status >= 500 || status == 429 || status == 408) return Action::backoff;
  return Action::fail_job;
}

}  // namespace msync::marketo
