#include "fake_api.hpp"

#include <algorithm>

#include <fmt/format.h>
#include <openssl/evp.h>

namespace msync::exports::test {
namespace {

using marketo::ExportStatus;
using marketo::Failure;

std::string default_body(const FakeJob& job) {
  const auto at = core::format_iso8601(job.spec.filter.start_at);
  return fmt::format("id,email\n{0}1,one-{1}@example.com\n{0}2,two-{1}@example.com\n", job.ordinal, at);
}

bool in_queue_status(ExportStatus status) {
  return status == ExportStatus::queued || status == ExportStatus::processing;
}

}  // namespace

Failure too_many_jobs() {
  return {marketo::Action::wait_for_slot, marketo::Reason::marketo_error, "1029",
          "enqueue.json: 1029 Too many jobs in queue", 200};
}
Failure daily_quota() {
  return {marketo::Action::wait_for_quota_reset, marketo::Reason::marketo_error, "1029",
          "enqueue.json: 1029 Export daily quota exceeded", 200};
}
Failure filter_disabled() {
  return {marketo::Action::fail_job, marketo::Reason::marketo_error, "1035",
          "create.json: 1035 Unsupported filter type for target subscription", 200};
}
Failure access_denied() {
  return {marketo::Action::fail_config, marketo::Reason::marketo_error, "603", "create.json: 603 Access denied",
          200};
}
Failure file_not_available() {
  return {marketo::Action::backoff, marketo::Reason::file_not_available, "", "file.json: 404 Not Found", 404};
}

std::string FakeApi::checksum(const std::string& body) {
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int length = 0;
  EVP_Digest(body.data(), body.size(), digest, &length, EVP_sha256(), nullptr);
  std::string hex = "sha256:";
  for (unsigned i = 0; i < length; ++i) hex += fmt::format("{:02x}", digest[i]);
  return hex;
}

void FakeApi::adopt(std::string export_id, marketo::ExportSpec spec, ExportStatus status) {
  FakeJob job{export_id, std::move(spec), ++created_, status, polls_to_complete, {}};
  job.body = body_for ? body_for(job) : default_body(job);
  jobs_[export_id] = std::move(job);
  max_in_queue_ = std::max(max_in_queue_, in_queue());
}

void FakeApi::complete(const std::string& export_id) { jobs_.at(export_id).status = ExportStatus::completed; }

std::vector<CallRecord> FakeApi::calls_of(Call call) const {
  std::vector<CallRecord> result;
  std::copy_if(calls_.begin(), calls_.end(), std::back_inserter(result),
               [&](const CallRecord& record) { return record.call == call; });
  return result;
}

unsigned FakeApi::in_queue() const {
  return static_cast<unsigned>(std::count_if(jobs_.begin(), jobs_.end(), [](const auto& entry) {
    return in_queue_status(entry.second.status);
  }));
}

std::optional<Failure> FakeApi::scripted(const CallRecord& record) {
  for (auto& rule : rules_) {
    if (rule.call != record.call || rule.times == 0) continue;
    if (rule.match && !rule.match(record)) continue;
    if (rule.times > 0) --rule.times;
    return rule.failure;
  }
  return std::nullopt;
}

std::optional<Failure> FakeApi::unknown(const marketo::ExportEntity& entity,
                                        const std::string& export_id) const {
  const auto found = jobs_.find(export_id);
  if (found != jobs_.end() && found->second.spec.entity == entity) return std::nullopt;
  return Failure{marketo::Action::fail_job, marketo::Reason::marketo_error, "1037",
                 "unknown export " + export_id, 200};
}

marketo::ExportJob FakeApi::describe(const FakeJob& job) const {
  marketo::ExportJob answer;
  answer.export_id = job.export_id;
  answer.status = job.status;
  answer.format = job.spec.format;
  if (job.status == ExportStatus::completed) {
    answer.file_size = job.body.size();
    answer.file_checksum = lie_about_checksum ? checksum(job.body + "lie") : checksum(job.body);
    answer.number_of_records = static_cast<std::uint64_t>(std::count(job.body.begin(), job.body.end(), '\n') - 1);
  }
  if (job.status == ExportStatus::failed) answer.error_msg = "scripted failure";
  return answer;
}

boost::asio::awaitable<marketo::Outcome<marketo::ExportJob>> FakeApi::create_export(marketo::ExportSpec spec) {
  calls_.push_back({Call::create, "", 0, spec, spec.entity});
  if (auto failure = scripted(calls_.back())) co_return *failure;
  const auto id = fmt::format("job-{}", created_ + 1);
  adopt(id, std::move(spec), ExportStatus::created);
  co_return describe(jobs_.at(id));
}

boost::asio::awaitable<marketo::Outcome<marketo::ExportJob>> FakeApi::enqueue_export(marketo::ExportEntity entity,
                                                                     std::string export_id) {
  calls_.push_back({Call::enqueue, export_id, 0, {}, entity});
  if (auto failure = scripted(calls_.back())) co_return *failure;
  if (auto failure = unknown(entity, export_id)) co_return *failure;
  if (in_queue() >= queue_capacity) {
    ++slot_refusals_;
    co_return too_many_jobs();
  }
  auto& job = jobs_.at(export_id);
  if (job.status != ExportStatus::created)
    co_return Failure{marketo::Action::fail_job, marketo::Reason::marketo_error, "1029",
                      "enqueue.json: job " + export_id + " is not in Created", 200};
  job.status = ExportStatus::queued;
  auto polls = polls_by_ordinal.find(job.ordinal);
  job.polls_left = polls == polls_by_ordinal.end() ? polls_to_complete : polls->second;
  max_in_queue_ = std::max(max_in_queue_, in_queue());
  co_return describe(job);
}

boost::asio::awaitable<marketo::Outcome<marketo::ExportJob>> FakeApi::export_status(marketo::ExportEntity entity,
                                                                     std::string export_id) {
  calls_.push_back({Call::status, export_id, 0, {}, entity});
  if (auto failure = scripted(calls_.back())) co_return *failure;
  if (auto failure = unknown(entity, export_id)) co_return *failure;
  auto& job = jobs_.at(export_id);
  if (in_queue_status(job.status) && !hold) {
    if (job.polls_left > 0) --job.polls_left;
    if (job.polls_left > 0) {
      job.status = ExportStatus::processing;
    } else if (fail_jobs > 0) {
      --fail_jobs;
      job.status = ExportStatus::failed;
    } else {
      job.status = ExportStatus::completed;
    }
  }
  co_return describe(job);
}

boost::asio::awaitable<marketo::Outcome<marketo::ExportJob>> FakeApi::cancel_export(marketo::ExportEntity entity,
                                                                     std::string export_id) {
  calls_.push_back({Call::cancel, export_id, 0, {}, entity});
  if (auto failure = scripted(calls_.back())) co_return *failure;
  if (auto failure = unknown(entity, export_id)) co_return *failure;
  auto& job = jobs_.at(export_id);
  job.status = ExportStatus::cancelled;
  co_return describe(job);
}

boost::asio::awaitable<marketo::Outcome<std::vector<marketo::ExportJob>>> FakeApi::list_exports(
    marketo::ExportEntity entity, std::vector<ExportStatus> statuses) {
  calls_.push_back({Call::list, "", 0, {}, entity});
  if (auto failure = scripted(calls_.back())) co_return *failure;
  std::vector<marketo::ExportJob> result;
  for (const auto& [id, job] : jobs_)
    if (job.spec.entity != entity) continue;
    else if (statuses.empty() || std::find(statuses.begin(), statuses.end(), job.status) != statuses.end())
      result.push_back(describe(job));
  co_return result;
}

boost::asio::awaitable<marketo::Outcome<marketo::Download>> FakeApi::download_export(
    marketo::ExportEntity entity, std::string export_id, std::uint64_t offset, http::BodySink& sink) {
  calls_.push_back({Call::download, export_id, offset, {}, entity});
  if (auto failure = scripted(calls_.back())) co_return *failure;
  if (auto failure = unknown(entity, export_id)) co_return *failure;
  const auto& job = jobs_.at(export_id);
  if (job.status != ExportStatus::completed) co_return file_not_available();
  if (offset > job.body.size())
    co_return Failure{marketo::Action::retry_now, marketo::Reason::range_not_satisfiable, "",
                      "file.json: 416", 416};
  std::string served = job.body.substr(offset);
  if (const auto letter = served.rfind('e'); corrupt_downloads > 0 && letter != std::string::npos) {
    --corrupt_downloads;
    served[letter] = 'E';  // same length, same records, different bytes
  }
  if (cuts > 0 && cut_after < served.size()) {
    --cuts;
    served.resize(cut_after);
    if (auto written = sink.write(served); !written)
      co_return Failure{marketo::Action::backoff, marketo::Reason::sink_refused, "", written.error().message, 0};
    co_return Failure{marketo::Action::backoff, marketo::Reason::transport, "",
                      "file.json: connection cut after " + std::to_string(served.size()) + " bytes", 0};
  }
  if (auto written = sink.write(served); !written)
    co_return Failure{marketo::Action::backoff, marketo::Reason::sink_refused, "", written.error().message, 0};
  co_return marketo::Download{offset > 0 ? 206u : 200u, served.size(), job.body.size()};
}

}  // namespace msync::exports::test
