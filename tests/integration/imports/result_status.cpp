#include "result_status.hpp"

#include "import_run.hpp"
#include "json_fields.hpp"

namespace msync::import_test {
namespace {

void read_counts(const rapidjson::Value& object, std::int64_t& processed, std::int64_t& failed,
                 std::int64_t& warned, const std::string& where) {
  read(object, "leadsProcessed", processed, where);
  read(object, "rowsFailed", failed, where);
  read(object, "rowsWithWarning", warned, where);
}

PartStatus read_part(const rapidjson::Value& value, const std::string& where) {
  PartStatus part;
  read(value, "part", part.part, where);
  if (value.IsObject() && value.HasMember("batchId")) {
    if (value["batchId"].IsInt64()) {
      part.batch_id = value["batchId"].GetInt64();
    } else {
      EXPECT_TRUE(value["batchId"].IsNull()) << where << ": batchId is neither a number nor null";
    }
  } else {
    ADD_FAILURE() << where << ": no key \"batchId\"";
  }
  read(value, "status", part.status, where);
  read_counts(value, part.leads_processed, part.rows_failed, part.rows_with_warning, where);
  read(value, "message", part.message, where);
  return part;
}

}  // namespace

ResultStatus ResultStatus::parse(const std::filesystem::path& status_json) {
  ResultStatus s;
  const std::string where = status_json.string();
  const auto d = parse_object(read_file(status_json), where);
  if (!d.IsObject()) return s;
  read(d, "import", s.import, where);
  read(d, "file", s.file, where);
  read(d, "sha256", s.sha256, where);
  read(d, "programId", s.program_id, where);
  read(d, "programMemberStatus", s.program_member_status, where);
  read(d, "format", s.format, where);
  read(d, "records", s.records, where);
  read(d, "outcome", s.outcome, where);
  read(d, "takenAt", s.taken_at, where);
  read(d, "finishedAt", s.finished_at, where);
  read(d, "fileId", s.file_id, where);
  if (auto* totals = field(d, "totals", rapidjson::kObjectType, where))
    read_counts(*totals, s.leads_processed, s.rows_failed, s.rows_with_warning, where + " totals");
  if (auto* parts = field(d, "parts", rapidjson::kArrayType, where)) {
    for (const auto& part : parts->GetArray()) s.parts.push_back(read_part(part, where + " part"));
  }
  return s;
}

}  // namespace msync::import_test
