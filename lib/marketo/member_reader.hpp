#pragma once
// Reads the members of one JSON object from a Marketo answer, each checked for its type; a null
// member counts as absent. The first unacceptable member is remembered, named by its path
// ("result[0].fileSize is not a non-negative integer"), in error().
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include <rapidjson/document.h>

#include "core/core.hpp"

namespace msync::marketo {

class MemberReader {
 public:
  MemberReader(const rapidjson::Value& object, std::string path) : object_(object), path_(std::move(path)) {}

  // "" while every member read so far was acceptable.
  const std::string& error() const { return error_; }
  bool ok() const { return error_.empty(); }
  const std::string& path() const { return path_; }

  const rapidjson::Value* member(const char* name) const;
  // Records "<path>.<name> <what>" unless an earlier problem was recorded.
  void fail(const char* name, std::string_view what);

  std::optional<std::string> text(const char* name);
  std::optional<core::Timestamp> time(const char* name);   // ISO-8601
  std::optional<std::uint64_t> count(const char* name);    // a non-negative integer
  std::optional<std::int64_t> integer(const char* name);   // any integer within int64
  std::optional<bool> flag(const char* name);              // a boolean

 private:
  const rapidjson::Value& object_;
  std::string path_;
  std::string error_;
};

}  // namespace msync::marketo
