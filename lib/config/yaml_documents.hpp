#pragma once
// Reads the one YAML document a configuration file holds. YAML::LoadAll is not used: with
// yaml-cpp 0.7 it loops forever, its memory growing, on a document that starts with a token the
// parser does not consume (a lone ','; found by tests/fuzz/config_loader). The documents are
// counted with the event parser instead, which stops at the second, and a document that makes no
// progress is a syntax error.
#include <optional>
#include <string>
#include <string_view>

#include <yaml-cpp/yaml.h>

#include "config/yaml_reader.hpp"

namespace msync::config::detail {

struct SingleDocument {
  YAML::Node root;                              // the first document (null if there is none)
  std::optional<Position> second_document;      // where a second one starts, if there is one
  std::optional<std::string> syntax_error;      // set: nothing else is valid
  Position error_at;
};

SingleDocument read_single_document(std::string_view yaml);

}  // namespace msync::config::detail
