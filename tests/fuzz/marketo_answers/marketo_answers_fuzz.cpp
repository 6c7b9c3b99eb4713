// Any bytes as a Marketo JSON answer, to each of the readers the daemon has (export create,
// enqueue, status, cancel and list; token; error envelope on a download; import submit and status;
// the two describe answers). The first byte picks the reader and the HTTP status, the rest is the
// body. No reader crashes or throws; what one accepts holds only values Marketo could send (ids
// that are safe in a URL path, positive batch ids, named fields); what it refuses comes with a
// message fit for a log line.
#include <cstdint>
#include <string_view>

#include "fuzz/fuzz_check.hpp"
#include "marketo/answer_parser.hpp"
#include "marketo/import_answers.hpp"

namespace {

using namespace msync;
using fuzz::require;

constexpr std::string_view kEndpoint = "POST /bulk/v1/leads/export/create.json";

template <class T>
bool accepted(const marketo::Outcome<T>& outcome) {
  if (outcome.ok()) return true;
  require(fuzz::is_log_safe(outcome.failure().message));
  return false;
}

void read_jobs(std::string_view body, unsigned status) {
  const auto answer = marketo::parse_jobs_answer(kEndpoint, body, status);
  if (!accepted(answer)) return;
  for (const auto& job : answer.value().jobs) require(marketo::valid_export_id(job.export_id));
}

void read_token(std::string_view body, unsigned status) {
  const auto answer = marketo::parse_token_answer(body, status);
  if (!accepted(answer)) return;
  require(!answer.value().access_token.empty());
  require(answer.value().expires_in.count() >= 0);
}

void read_envelope(std::string_view body, unsigned status) {
  if (const auto failure = marketo::parse_error_envelope(kEndpoint, body, status))
    require(fuzz::is_log_safe(failure->message));
}

void read_import(std::string_view body, unsigned status) {
  const auto answer = marketo::parse_import_answer(kEndpoint, body, status);
  if (!accepted(answer)) return;
  const auto& batch = answer.value();
  require(batch.batch_id > 0);
  for (const auto& count : {batch.leads_processed, batch.rows_failed, batch.rows_with_warning})
    require(!count || *count >= 0);
}

template <class Parse>
void read_fields(Parse parse, std::string_view body, unsigned status) {
  const auto answer = parse(kEndpoint, body, status);
  if (!accepted(answer)) return;
  for (const auto& field : answer.value()) require(!field.name.empty());
}

void read_printable(std::string_view text) {
  const std::string shown = marketo::printable(text, 40);
  require(shown.size() <= 43);
  for (unsigned char c : shown) require(c >= 0x20 && c != 0x7f);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  static constexpr unsigned kStatuses[] = {200, 200, 200, 404, 429, 500, 502, 606};
  const unsigned reader = data[0] & 0x07;
  const unsigned status = kStatuses[(data[0] >> 3) & 0x07];
  const std::string_view body(reinterpret_cast<const char*>(data) + 1, size - 1);
  switch (reader) {
    case 0: read_jobs(body, status); break;
    case 1: read_token(body, status); break;
    case 2: read_envelope(body, status); break;
    case 3: read_import(body, status); break;
    case 4: read_fields(marketo::parse_lead_fields_answer, body, status); break;
    case 5: read_fields(marketo::parse_program_member_fields_answer, body, status); break;
    case 6: read_printable(body); break;
    default: read_jobs(body, 200); read_import(body, 200); break;
  }
  return 0;
}
