#include "json_fields.hpp"

namespace msync::import_test {

rapidjson::Document parse_object(const std::string& text, const std::string& where) {
  rapidjson::Document d;
  d.Parse(text.c_str(), text.size());
  EXPECT_FALSE(d.HasParseError()) << where << " is not JSON: " << text.substr(0, 500);
  EXPECT_TRUE(d.IsObject()) << where;
  return d;
}

const rapidjson::Value* field(const rapidjson::Value& object, const char* key, rapidjson::Type type,
                              const std::string& where) {
  if (!object.IsObject() || !object.HasMember(key)) {
    ADD_FAILURE() << where << ": no key \"" << key << "\"";
    return nullptr;
  }
  const rapidjson::Value& value = object[key];
  const bool number = type == rapidjson::kNumberType;
  if ((number && !value.IsInt64()) || (!number && value.GetType() != type)) {
    ADD_FAILURE() << where << ": \"" << key << "\" is of the wrong type";
    return nullptr;
  }
  return &value;
}

void read(const rapidjson::Value& object, const char* key, std::string& out, const std::string& where) {
  if (auto* v = field(object, key, rapidjson::kStringType, where)) out = v->GetString();
}

}  // namespace msync::import_test
