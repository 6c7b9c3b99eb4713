#pragma once
// Reading the JSON the import tests look at (status.json, fake-marketo's membership and request
// log) field by field, failing the test (gtest) on a missing key or a value of another kind.
#include <gtest/gtest.h>
#include <rapidjson/document.h>

#include <string>

namespace msync::import_test {

// `text` parsed; a failure names `where` when it is not a JSON object.
rapidjson::Document parse_object(const std::string& text, const std::string& where);

// The member `key` of `object` if it has `type` (kNumberType: an integer); else a failure, nullptr.
const rapidjson::Value* field(const rapidjson::Value& object, const char* key, rapidjson::Type type,
                              const std::string& where);

void read(const rapidjson::Value& object, const char* key, std::string& out, const std::string& where);

template <class Int>
void read(const rapidjson::Value& object, const char* key, Int& out, const std::string& where) {
  if (auto* v = field(object, key, rapidjson::kNumberType, where)) out = static_cast<Int>(v->GetInt64());
}

}  // namespace msync::import_test
