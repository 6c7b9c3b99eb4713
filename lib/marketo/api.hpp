#pragma once
// The typed Bulk Extract calls, as an interface so that the export engine can be tested against a
// fake. make_api() (make_api.hpp) gives the real one. Every call waits for the local call budget,
// carries a Bearer token, re-authenticates once on 601 / 602, retries transient failures a bounded
// number of times, and returns anything else as a Failure whose Action the engine acts on.
// Every call after create names the job's entity: its calls live under that entity's path
// (marketo/export_entity.hpp); create takes it from the spec.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <boost/asio/awaitable.hpp>

#include "http/http.hpp"
#include "marketo/export_job.hpp"
#include "marketo/export_spec.hpp"
#include "marketo/failure.hpp"

namespace msync::marketo {

struct Download {
  unsigned http_status = 0;         // 200 (whole file) or 206 (from the offset asked)
  std::uint64_t bytes = 0;          // handed to the sink by this call
  std::optional<std::uint64_t> file_size;  // the whole file's size, when the answer says it
};

class Api {
 public:
  virtual ~Api() = default;

  // POST create.json: a new job in state Created.
  virtual boost::asio::awaitable<Outcome<ExportJob>> create_export(ExportSpec spec) = 0;
  // POST {id}/enqueue.json: Created -> Queued.
  virtual boost::asio::awaitable<Outcome<ExportJob>> enqueue_export(ExportEntity entity,
                                                                     std::string export_id) = 0;
  // GET {id}/status.json (Marketo refreshes it only every 60 s).
  virtual boost::asio::awaitable<Outcome<ExportJob>> export_status(ExportEntity entity,
                                                                    std::string export_id) = 0;
  // POST {id}/cancel.json.
  virtual boost::asio::awaitable<Outcome<ExportJob>> cancel_export(ExportEntity entity,
                                                                    std::string export_id) = 0;
  // GET export.json: this API user's jobs of the last 7 days in the given states (all when
  // empty), every page (batchSize 300, nextPageToken).
  virtual boost::asio::awaitable<Outcome<std::vector<ExportJob>>> list_exports(
      ExportEntity entity, std::vector<ExportStatus> statuses) = 0;
  // GET {id}/file.json from byte `offset` (Range: bytes=<offset>- when offset > 0), streamed to
  // sink. Reason::file_not_available (404: not completed yet, or expired: which is unknown),
  // Reason::range_not_satisfiable (416: restart from 0), Reason::range_mismatch (the server sent
  // bytes that do not continue at offset, and the sink got them: cut it back to offset before
  // trying again). A Marketo error answered in place of the file never reaches the sink.
  virtual boost::asio::awaitable<Outcome<Download>> download_export(ExportEntity entity,
                                                                    std::string export_id,
                                                                    std::uint64_t offset,
                                                                    http::BodySink& sink) = 0;
};

}  // namespace msync::marketo
