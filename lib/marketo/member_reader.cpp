#include "marketo/member_reader.hpp"

#include <fmt/format.h>

namespace msync::marketo {

const rapidjson::Value* MemberReader::member(const char* name) const {
  const auto it = object_.FindMember(name);
  if (it == object_.MemberEnd() || it->value.IsNull()) return nullptr;
  return &it->value;
}

void MemberReader::fail(const char* name, std::string_view what) {
  if (error_.empty()) error_ = fmt::format("{}.{} {}", path_, name, what);
}

std::optional<std::string> MemberReader::text(const char* name) {
  const rapidjson::Value* v = member(name);
  if (v == nullptr) return std::nullopt;
  if (!v->IsString()) {
    fail(name, "is not a string");
    return std::nullopt;
  }
  return std::string(v->GetString(), v->GetStringLength());
}

std::optional<core::Timestamp> MemberReader::time(const char* name) {
  const auto t = text(name);
  if (!t) return std::nullopt;
  const auto parsed = core::parse_iso8601(*t, true);
  if (!parsed) fail(name, "is not an ISO-8601 time");
  return parsed;
}

std::optional<std::uint64_t> MemberReader::count(const char* name) {
  const rapidjson::Value* v = member(name);
  if (v == nullptr) return std::nullopt;
  if (!v->IsUint64()) {
    fail(name, "is not a non-negative integer");
    return std::nullopt;
  }
  return v->GetUint64();
}

std::optional<std::int64_t> MemberReader::integer(const char* name) {
  const rapidjson::Value* v = member(name);
  if (v == nullptr) return std::nullopt;
  if (!v->IsInt64()) {
    fail(name, "is not an integer");
    return std::nullopt;
  }
  return v->GetInt64();
}

std::optional<bool> MemberReader::flag(const char* name) {
  const rapidjson::Value* v = member(name);
  if (v == nullptr) return std::nullopt;
  if (!v->IsBool()) {
    fail(name, "is not a boolean");
    return std::nullopt;
  }
  return v->GetBool();
}

}  // namespace msync::marketo
