#pragma once
// Where ${VAR} in the configuration finds its values: a seam, so that loading stays pure in tests.
#include <map>
#include <optional>
#include <string>
#include <utility>

namespace msync::config {

class Environment {
 public:
  virtual ~Environment() = default;
  virtual std::optional<std::string> get(const std::string& name) const = 0;
};

// The process environment (getenv).
class ProcessEnvironment final : public Environment {
 public:
  std::optional<std::string> get(const std::string& name) const override;
};

// A fixed set of variables, for tests.
class MapEnvironment final : public Environment {
 public:
  MapEnvironment() = default;
  explicit MapEnvironment(std::map<std::string, std::string> variables)
      : variables_(std::move(variables)) {}

  std::optional<std::string> get(const std::string& name) const override {
    auto it = variables_.find(name);
    if (it == variables_.end()) return std::nullopt;
    return it->second;
  }

 private:
  std::map<std::string, std::string> variables_;
};

}  // namespace msync::config
