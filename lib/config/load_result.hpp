#pragma once
// What loading the configuration gives: a validated Config, or every problem found in it.
#include <cassert>
#include <string>
#include <utility>
#include <variant>
#include <vector>

#include "config/settings.hpp"
#include "core/core.hpp"

namespace msync::config {

class [[nodiscard]] LoadResult {
 public:
  LoadResult(Config config) : state_(std::in_place_index<0>, std::move(config)) {}
  // Each message reads "FILE:LINE:COL: what is wrong and what was expected" (1-based), or
  // "FILE: ..." when the file as a whole is at fault. Never empty on failure.
  LoadResult(std::vector<std::string> errors) : state_(std::in_place_index<1>, std::move(errors)) {
    assert(!errors_().empty());
  }

  bool ok() const { return state_.index() == 0; }
  explicit operator bool() const { return ok(); }

  Config& value() & {
    assert(ok());
    return std::get<0>(state_);
  }
  const Config& value() const& {
    assert(ok());
    return std::get<0>(state_);
  }
  Config&& value() && {
    assert(ok());
    return std::get<0>(std::move(state_));
  }
  const Config& operator*() const& { return value(); }
  const Config* operator->() const { return &value(); }

  const std::vector<std::string>& errors() const { return errors_(); }

  // All messages in one core::Error, one per line, for callers that pass errors along.
  core::Error error() const {
    std::string joined;
    for (const auto& message : errors_()) {
      if (!joined.empty()) joined += '\n';
      joined += message;
    }
    return core::make_error(std::move(joined), core::ErrorKind::permanent);
  }

 private:
  const std::vector<std::string>& errors_() const {
    assert(!ok());
    return std::get<1>(state_);
  }

  std::variant<Config, std::vector<std::string>> state_;
};

}  // namespace msync::config
