#pragma once
// The shared first steps of reading a Marketo JSON answer: parse it as an object, turn the error
// envelope ({"success": false, "errors": [...]}) into a Failure through the error table, and find
// a successful answer's "result" array. Every problem is named, with the endpoint, as a Failure.
#include <optional>
#include <string>
#include <string_view>

#include <rapidjson/document.h>

#include "marketo/failure.hpp"

namespace msync::marketo {

struct ParsedJson {
  rapidjson::Document doc;
  std::optional<Failure> failure;  // set when the body is not JSON or not a JSON object
};

ParsedJson parse_json_object(std::string_view endpoint, std::string_view body, unsigned http_status);

// The envelope's first error as a Failure; nullopt for "success": true. A missing or non-boolean
// "success", or "success": false without an error, is a malformed answer.
std::optional<Failure> envelope_failure(std::string_view endpoint, const rapidjson::Value& doc,
                                        unsigned http_status);

// A successful answer opened at its "result" array, or the Failure that stands in for it.
class ResultAnswer {
 public:
  ResultAnswer(std::string_view endpoint, std::string_view body, unsigned http_status);
  ResultAnswer(const ResultAnswer&) = delete;
  ResultAnswer& operator=(const ResultAnswer&) = delete;

  const std::optional<Failure>& failure() const { return failure_; }
  const rapidjson::Value& doc() const { return parsed_.doc; }
  const rapidjson::Value& result() const { return *result_; }  // an array; only without failure()

  // A Failure naming `what` is wrong with this answer (for the readers of result()).
  Failure malformed(std::string_view what) const;

 private:
  std::string endpoint_;
  unsigned http_status_;
  ParsedJson parsed_;
  const rapidjson::Value* result_ = nullptr;
  std::optional<Failure> failure_;
};

}  // namespace msync::marketo
