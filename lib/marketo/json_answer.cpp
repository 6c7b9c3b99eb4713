#include "marketo/json_answer.hpp"

#include <fmt/format.h>
#include <rapidjson/error/en.h>

#include "marketo/answer_parser.hpp"
#include "marketo/call_failures.hpp"

namespace msync::marketo {

using rapidjson::Value;

ParsedJson parse_json_object(std::string_view endpoint, std::string_view body, unsigned http_status) {
  ParsedJson parsed;
  parsed.doc.Parse(body.data(), body.size());
  if (parsed.doc.HasParseError()) {
    const std::string what = fmt::format("not JSON ({} at offset {})",
                                         rapidjson::GetParseError_En(parsed.doc.GetParseError()),
                                         parsed.doc.GetErrorOffset());
    parsed.failure = malformed_answer(endpoint, what, http_status);
  } else if (!parsed.doc.IsObject()) {
    parsed.failure = malformed_answer(endpoint, "not a JSON object", http_status);
  }
  return parsed;
}

std::optional<Failure> envelope_failure(std::string_view endpoint, const Value& doc,
                                        unsigned http_status) {
  const auto success = doc.FindMember("success");
  if (success == doc.MemberEnd() || !success->value.IsBool()) {
    return malformed_answer(endpoint, "\"success\" is missing or not a boolean", http_status);
  }
  if (success->value.GetBool()) return std::nullopt;
  const auto errors = doc.FindMember("errors");
  if (errors == doc.MemberEnd() || !errors->value.IsArray() || errors->value.Empty() ||
      !errors->value[0].IsObject()) {
    return malformed_answer(endpoint, "\"success\" is false but \"errors\" holds no error", http_status);
  }
  const Value& first = errors->value[0];
  const auto code = first.FindMember("code");
  std::string code_text;
  if (code != first.MemberEnd() && code->value.IsString()) {
    code_text.assign(code->value.GetString(), code->value.GetStringLength());
  } else if (code != first.MemberEnd() && code->value.IsInt64()) {
    code_text = std::to_string(code->value.GetInt64());
  } else {
    return malformed_answer(endpoint, "errors[0].code is missing or not a string", http_status);
  }
  const auto message = first.FindMember("message");
  std::string_view message_text;
  if (message != first.MemberEnd() && message->value.IsString()) {
    message_text = {message->value.GetString(), message->value.GetStringLength()};
  }
  return marketo_failure(endpoint, code_text, message_text, http_status);
}

ResultAnswer::ResultAnswer(std::string_view endpoint, std::string_view body, unsigned http_status)
    : endpoint_(endpoint),
      http_status_(http_status),
      parsed_(parse_json_object(endpoint, body, http_status)) {
  if (parsed_.failure) {
    failure_ = parsed_.failure;
    return;
  }
  if (auto failure = envelope_failure(endpoint, parsed_.doc, http_status)) {
    failure_ = std::move(failure);
    return;
  }
  const auto result = parsed_.doc.FindMember("result");
  if (result == parsed_.doc.MemberEnd() || !result->value.IsArray()) {
    failure_ = malformed("\"result\" is missing or not an array");
    return;
  }
  result_ = &result->value;
}

Failure ResultAnswer::malformed(std::string_view what) const {
  return malformed_answer(endpoint_, what, http_status_);
}

}  // namespace msync::marketo
