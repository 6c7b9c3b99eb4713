#include "fake_import_api.hpp"

#include <sstream>

namespace msync::imports::test {
namespace {

namespace asio = boost::asio;
using marketo::ImportStatus;

std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  return lines;
}

std::vector<marketo::FieldInfo> fields(std::initializer_list<const char*> names, bool updateable) {
  std::vector<marketo::FieldInfo> result;
  for (const char* name : names) result.push_back(marketo::FieldInfo{name, "string", updateable});
  return result;
}

// Built outside the coroutines: GCC 12 cannot keep an initializer list alive across a co_return.
std::vector<marketo::FieldInfo> lead_fields() {
  return fields({"id", "email", "firstName", "lastName", "title", "company", "leadScore"}, true);
}

std::vector<marketo::FieldInfo> member_fields() {
  auto result = fields({"leadId", "statusName"}, false);
  auto custom = fields({"webinarScore"}, true);
  result.insert(result.end(), custom.begin(), custom.end());
  return result;
}

}  // namespace

marketo::Failure failure_of(marketo::Action action, std::string code, std::string message, marketo::Reason reason) {
  return marketo::Failure{action, reason, std::move(code), std::move(message), 200};
}

unsigned FakeImportApi::outstanding() const {
  unsigned count = 0;
  for (const auto& [id, batch] : batches) {
    if (batch.status == ImportStatus::queued || batch.status == ImportStatus::importing) ++count;
  }
  return count;
}

marketo::ImportBatchInfo FakeImportApi::info(const Batch& batch) const {
  marketo::ImportBatchInfo result;
  result.batch_id = batch.id;
  result.status = batch.status;
  if (batch.status == ImportStatus::complete) {
    result.leads_processed = batch.rows - batch.failed;
    result.rows_failed = batch.failed;
    result.rows_with_warning = batch.warned;
    result.message = "Import succeeded";
  }
  if (batch.status == ImportStatus::failed) result.message = "Import failed: bad file";
  return result;
}

asio::awaitable<marketo::Outcome<marketo::ImportBatchInfo>> FakeImportApi::import_program_members(
    marketo::ImportUpload upload) {
  if (!upload_failures.empty()) {
    auto failure = upload_failures.front();
    upload_failures.pop_front();
    co_return failure;
  }
  if (outstanding() >= capacity) {
    ++refused;
    co_return failure_of(marketo::Action::wait_for_slot, "1016", "Too many imports");
  }
  Batch batch;
  batch.id = next_id_++;
  const auto lines = lines_of(upload.content);
  for (std::size_t i = 1; i < lines.size(); ++i) {
    ++batch.rows;
    if (lines[i].find("FAIL") != std::string::npos) {
      ++batch.failed;
      batch.failures += lines[i] + ",Invalid data type in field Lead Score\n";
    } else if (lines[i].find("WARN") != std::string::npos) {
      ++batch.warned;
      batch.warnings += lines[i] + ",Invalid email address\n";
    }
  }
  if (!lines.empty()) {
    batch.failures = lines[0] + ",Import Failure Reason\n" + batch.failures;
    batch.warnings = lines[0] + ",Import Warning Reason\n" + batch.warnings;
  }
  batch.upload = std::move(upload);
  ++uploads;
  auto& placed = batches.emplace(batch.id, std::move(batch)).first->second;
  most_outstanding = std::max(most_outstanding, outstanding());
  if (accept_then_lose > 0) {
    --accept_then_lose;
    co_return failure_of(marketo::Action::backoff, "", "import.create: connection reset", marketo::Reason::transport);
  }
  co_return info(placed);
}

asio::awaitable<marketo::Outcome<marketo::ImportBatchInfo>> FakeImportApi::import_status(std::int64_t batch_id) {
  auto found = batches.find(batch_id);
  if (found == batches.end()) co_return failure_of(marketo::Action::fail_job, "1003", "unknown batch");
  Batch& batch = found->second;
  ++status_calls;
  if (batch.status == ImportStatus::queued) {
    unsigned ahead = 0;
    for (const auto& [id, other] : batches)
      ahead += id < batch_id && (other.status == ImportStatus::queued || other.status == ImportStatus::importing);
    polls_behind_two += ahead >= 2;
    batch.status = ImportStatus::importing;
  } else if (batch.status == ImportStatus::importing) {
    batch.status = batch.upload.content.find("BATCHFAIL") != std::string::npos ? ImportStatus::failed
                                                                               : ImportStatus::complete;
  }
  co_return info(batch);
}

asio::awaitable<marketo::Outcome<std::uint64_t>> FakeImportApi::import_failures(std::int64_t batch_id,
                                                                                http::BodySink& sink) {
  const std::string& text = batches.at(batch_id).failures;
  (void)sink.write(text);
  co_return static_cast<std::uint64_t>(text.size());
}

asio::awaitable<marketo::Outcome<std::uint64_t>> FakeImportApi::import_warnings(std::int64_t batch_id,
                                                                                http::BodySink& sink) {
  const std::string& text = batches.at(batch_id).warnings;
  (void)sink.write(text);
  co_return static_cast<std::uint64_t>(text.size());
}

asio::awaitable<marketo::Outcome<std::vector<marketo::FieldInfo>>> FakeImportApi::describe_lead_fields() {
  ++describe_calls;
  if (!describe_failures.empty()) {
    auto failure = describe_failures.front();
    describe_failures.pop_front();
    co_return failure;
  }
  auto result = lead_fields();
  co_return result;
}

asio::awaitable<marketo::Outcome<std::vector<marketo::FieldInfo>>> FakeImportApi::describe_program_member_fields() {
  auto result = member_fields();
  co_return result;
}

asio::awaitable<marketo::Outcome<std::vector<marketo::FieldInfo>>> FakeImportApi::describe_custom_object_fields(
    std::string api_name) {
  marketo::Failure failure{marketo::Action::fail_job, marketo::Reason::marketo_error, "1003",
                           "describe.custom_object: no custom object '" + api_name + "'", 200};
  co_return failure;
}

}  // namespace msync::imports::test
