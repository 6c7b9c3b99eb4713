#pragma once
// Answers in Marketo's JSON shapes: {"requestId","success":true,"result":[…]} and
// {"requestId","success":false,"errors":[{"code","message"}]}, always HTTP 200.
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "fake_marketo/sim/export_job.hpp"
#include "fake_marketo/sim/export_spec.hpp"
#include "fake_marketo/sim/import_job.hpp"
#include "fake_marketo/sim/simulator.hpp"

namespace fake {

HttpResponse json_reply(unsigned status, std::string body);
HttpResponse error_reply(const std::string& request_id, const MarketoError& error);
HttpResponse text_reply(unsigned status, std::string body);

// A job as its status object shows it in the state `shown`: only the members that apply.
struct ShownJob {
  const ExportJob* job;
  JobStatus shown;
};
HttpResponse jobs_reply(const std::string& request_id, const std::vector<ShownJob>& jobs,
                        const std::optional<std::string>& next_page_token = std::nullopt);

// An import as its status object shows it (the seed's key order): batchId, importId, status, and
// once it has finished numOfLeadsProcessed, numOfRowsFailed, numOfRowsWithWarning, message.
HttpResponse import_reply(const std::string& request_id, const ImportJob& job);

}  // namespace fake
