#include "marketo/import_answers.hpp"

#include <fmt/format.h>

#include <limits>

#include "marketo/answer_parser.hpp"
#include "marketo/json_answer.hpp"
#include "marketo/member_reader.hpp"

namespace msync::marketo {
namespace {

using rapidjson::Value;

// A count that fits ImportBatchInfo's int64.
std::optional<std::int64_t> row_count(MemberReader& r, const char* name) {
  const auto value = r.count(name);
  if (!value) return std::nullopt;
  if (*value > static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max())) {
    r.fail(name, "is out of range");
    return std::nullopt;
  }
  return static_cast<std::int64_t>(*value);
}

// One batch; "" on success, else what is wrong.
std::string read_batch(const Value& value, const std::string& path, ImportBatchInfo& batch) {
  if (!value.IsObject()) return path + " is not an object";
  MemberReader r(value, path);
  const auto id = r.integer("batchId");
  if (!r.ok()) return r.error();
  if (!id) return path + ".batchId is missing";
  if (*id <= 0) return fmt::format("{}.batchId {} is not a positive id", path, *id);
  batch.batch_id = *id;

  (void)r.text("importId");  // Marketo's string copy of batchId: only its type is checked
  const auto status = r.text("status");
  if (!r.ok()) return r.error();
  if (!status) return path + ".status is missing";
  const auto parsed = parse_import_status(*status);
  if (!parsed) {
    return fmt::format("{}.status \"{}\" is not a known status", path, printable(*status, 40));
  }
  batch.status = *parsed;

  batch.leads_processed = row_count(r, "numOfLeadsProcessed");
  batch.rows_failed = row_count(r, "numOfRowsFailed");
  batch.rows_with_warning = row_count(r, "numOfRowsWithWarning");
  batch.message = r.text("message").value_or("");
  return r.error();
}

// A field's required name; "" and an error in r when it is missing or empty.
std::string field_name(MemberReader& r, const char* member) {
  auto name = r.text(member);
  if (r.ok() && (!name || name->empty())) r.fail(member, "is missing or empty");
  return name.value_or("");
}

std::string data_type(MemberReader& r) {
  auto type = r.text("dataType");
  if (r.ok() && !type) r.fail("dataType", "is missing");
  return type.value_or("");
}

// One entry of the lead describe; "" on success, else what is wrong. `field` stays unset for a
// field that has no REST name.
std::string read_lead_field(const Value& value, const std::string& path,
                            std::optional<FieldInfo>& field) {
  if (!value.IsObject()) return path + " is not an object";
  MemberReader r(value, path);
  std::string type = data_type(r);
  const Value* rest = r.member("rest");
  if (!r.ok() || rest == nullptr) return r.error();
  if (!rest->IsObject()) return path + ".rest is not an object";
  MemberReader rest_reader(*rest, path + ".rest");
  std::string name = field_name(rest_reader, "name");
  const bool read_only = rest_reader.flag("readOnly").value_or(false);
  if (!rest_reader.ok()) return rest_reader.error();
  field = FieldInfo{std::move(name), std::move(type), !read_only};
  return "";
}

// One entry of result[0].fields of the program member describe.
std::string read_member_field(const Value& value, const std::string& path, FieldInfo& field) {
  if (!value.IsObject()) return path + " is not an object";
  MemberReader r(value, path);
  field.name = field_name(r, "name");
  field.data_type = data_type(r);
  field.updateable = r.flag("updateable").value_or(true);
  return r.error();
}

}  // namespace

Outcome<ImportBatchInfo> parse_import_answer(std::string_view endpoint, std::string_view body,
                                             unsigned http_status) {
  const ResultAnswer answer(endpoint, body, http_status);
  if (answer.failure()) return *answer.failure();
  if (answer.result().Empty()) return answer.malformed("\"result\" holds no batch");
  ImportBatchInfo batch;
  const std::string problem = read_batch(answer.result()[0], "result[0]", batch);
  if (!problem.empty()) return answer.malformed(problem);
  return batch;
}

Outcome<std::vector<FieldInfo>> parse_lead_fields_answer(std::string_view endpoint,
                                                         std::string_view body, unsigned http_status) {
  const ResultAnswer answer(endpoint, body, http_status);
  if (answer.failure()) return *answer.failure();
  std::vector<FieldInfo> fields;
  const Value& result = answer.result();
  for (rapidjson::SizeType i = 0; i < result.Size(); ++i) {
    std::optional<FieldInfo> field;
    const std::string problem = read_lead_field(result[i], fmt::format("result[{}]", i), field);
    if (!problem.empty()) return answer.malformed(problem);
    if (field) fields.push_back(std::move(*field));
  }
  if (fields.empty()) return answer.malformed("\"result\" holds no field with a REST name");
  return fields;
}

Outcome<std::vector<FieldInfo>> parse_program_member_fields_answer(std::string_view endpoint,
                                                                   std::string_view body,
                                                                   unsigned http_status) {
  const ResultAnswer answer(endpoint, body, http_status);
  if (answer.failure()) return *answer.failure();
  if (answer.result().Empty()) return answer.malformed("\"result\" holds no description");
  const Value& description = answer.result()[0];
  if (!description.IsObject()) return answer.malformed("result[0] is not an object");
  const auto list = description.FindMember("fields");
  if (list == description.MemberEnd() || !list->value.IsArray()) {
    return answer.malformed("result[0].fields is missing or not an array");
  }
  std::vector<FieldInfo> fields;
  for (rapidjson::SizeType i = 0; i < list->value.Size(); ++i) {
    FieldInfo field;
    const std::string path = fmt::format("result[0].fields[{}]", i);
    const std::string problem = read_member_field(list->value[i], path, field);
    if (!problem.empty()) return answer.malformed(problem);
    fields.push_back(std::move(field));
  }
  return fields;
}

}  // namespace msync::marketo
