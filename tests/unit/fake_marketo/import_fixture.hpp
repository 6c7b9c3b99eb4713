#pragma once
// SimFixture plus what a client of the import endpoints does: upload a multipart/form-data body
// built as curl does (fake_marketo/testing/import_form.hpp), poll status, fetch failures and warnings.
#include <string>
#include <vector>

#include "fake_marketo/testing/import_form.hpp"
#include "sim_fixture.hpp"

namespace fake::testing {

class ImportFixture : public SimFixture {
 protected:
  HttpResponse post_import(const std::string& body, const std::string& program = "1001",
                           const std::string& query = {},
                           const std::string& content_type = kSeedContentType) {
    return send("POST", "/bulk/v1/program/" + program + "/members/import.json" + query, body,
                {{"Content-Type", content_type}});
  }
  rapidjson::Document upload(const std::string& file, const std::string& format = "csv",
                             const std::string& status = "On List", const std::string& program = "1001") {
    return json(post_import(multipart(curl_parts(file, format, status)), program));
  }
  // Uploads and answers the batchId (-1 when refused).
  std::int64_t import_file(const std::string& file, const std::string& format = "csv",
                           const std::string& status = "On List") {
    const auto d = upload(file, format, status);
    EXPECT_EQ(error_code(d), "") << (d.HasMember("errors") ? error_message(d) : "");
    return d["success"].GetBool() ? d["result"][0]["batchId"].GetInt64() : -1;
  }
  rapidjson::Document import_status(std::int64_t batch) {
    return call("GET", "/bulk/v1/program/members/import/" + std::to_string(batch) + "/status.json");
  }
  std::string import_state(std::int64_t batch) {
    const auto d = import_status(batch);
    return d["success"].GetBool() ? d["result"][0]["status"].GetString() : "error " + error_code(d);
  }
  HttpResponse result_file(std::int64_t batch, const std::string& which) {
    return send("GET", "/bulk/v1/program/members/import/" + std::to_string(batch) + "/" + which + ".json");
  }

  // True when the answer equals `seed_json` (a body the seed shows) but for requestId, and with
  // the seed's batchId / importId replaced by `batch`.
  static ::testing::AssertionResult same_as_seed(const HttpResponse& r, const std::string& seed_json,
                                                 std::int64_t batch) {
    rapidjson::Document got;
    got.Parse(r.body.c_str());
    rapidjson::Document want;
    want.Parse(seed_json.c_str());
    if (got.HasParseError() || want.HasParseError() || !got.IsObject() || !got.HasMember("requestId"))
      return ::testing::AssertionFailure() << "unparsable: " << r.body;
    want["requestId"].SetString(got["requestId"].GetString(), want.GetAllocator());
    want["result"][0]["batchId"].SetInt64(batch);
    const std::string id = std::to_string(batch);
    want["result"][0]["importId"].SetString(id.c_str(), rapidjson::SizeType(id.size()), want.GetAllocator());
    if (got == want) return ::testing::AssertionSuccess();
    return ::testing::AssertionFailure() << "got " << r.body;
  }

  std::vector<ProgramMember> members(std::int64_t program = 1001) { return sim_->program_members(program, now_); }
};

}  // namespace fake::testing
