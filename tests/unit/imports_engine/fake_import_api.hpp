#pragma once
// Marketo's import side for engine tests, in memory: an upload becomes a batch that moves one
// state per status call (Queued -> Importing -> Complete); rows holding "FAIL" fail and rows
// holding "WARN" warn; a content holding "BATCHFAIL" ends Failed. More than `capacity` batches
// not yet final answer 1016. Failures can be scripted per call.
#include <cstdint>
#include <deque>
#include <map>
#include <string>
#include <vector>

#include "marketo/marketo.hpp"

namespace msync::imports::test {

class FakeImportApi final : public marketo::ImportApi {
 public:
  struct Batch {
    std::int64_t id = 0;
    marketo::ImportUpload upload;
    marketo::ImportStatus status = marketo::ImportStatus::queued;
    std::int64_t rows = 0, failed = 0, warned = 0;
    std::string failures, warnings;  // files as Marketo answers them
  };

  boost::asio::awaitable<marketo::Outcome<marketo::ImportBatchInfo>> import_program_members(
      marketo::ImportUpload upload) override;
  boost::asio::awaitable<marketo::Outcome<marketo::ImportBatchInfo>> import_status(std::int64_t batch_id) override;
  boost::asio::awaitable<marketo::Outcome<std::uint64_t>> import_failures(std::int64_t batch_id,
                                                                          http::BodySink& sink) override;
  boost::asio::awaitable<marketo::Outcome<std::uint64_t>> import_warnings(std::int64_t batch_id,
                                                                          http::BodySink& sink) override;
  boost::asio::awaitable<marketo::Outcome<std::vector<marketo::FieldInfo>>> describe_lead_fields() override;
  boost::asio::awaitable<marketo::Outcome<std::vector<marketo::FieldInfo>>> describe_program_member_fields() override;
  // Imports never describe a custom object: answered as Marketo answers an unknown one.
  boost::asio::awaitable<marketo::Outcome<std::vector<marketo::FieldInfo>>> describe_custom_object_fields(
      std::string api_name) override;

  unsigned outstanding() const;

  // Scripted behaviour.
  unsigned capacity = 10;
  std::deque<marketo::Failure> upload_failures;  // answered (in order) instead of taking an upload
  unsigned accept_then_lose = 0;  // this many uploads are taken, but answered with a transport failure
  std::deque<marketo::Failure> describe_failures;

  // What happened.
  std::map<std::int64_t, Batch> batches;
  unsigned uploads = 0;  // uploads taken (batches made)
  unsigned refused = 0;  // 1016 answers
  unsigned most_outstanding = 0;
  unsigned describe_calls = 0;
  unsigned status_calls = 0;
  // Status calls about a queued batch while two batches uploaded before it were not final: Marketo
  // (FIFO, two importing at once) could not have started it, so the call was wasted.
  unsigned polls_behind_two = 0;

 private:
  marketo::ImportBatchInfo info(const Batch& batch) const;
  std::int64_t next_id_ = 1040;
};

marketo::Failure failure_of(marketo::Action action, std::string code, std::string message,
                            marketo::Reason reason = marketo::Reason::marketo_error);

}  // namespace msync::imports::test
