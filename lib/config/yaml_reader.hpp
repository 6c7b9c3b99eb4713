#pragma once
// Internal to lib/config: walks the YAML tree with a strict schema, expands ${VAR}, converts
// scalars, and collects every error with its position. Converters return nullopt after recording an
// error, so a caller reads each key independently and all problems are reported in one pass.
#include <yaml-cpp/yaml.h>

#include <cstdint>
#include <filesystem>
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "config/environment.hpp"
#include "core/core.hpp"

namespace msync::config::detail {

struct Position {
  int line = 1;  // 1-based
  int column = 1;
};

// One key: value of a map (or one item of a sequence, then key and value are the item).
struct Entry {
  std::string path;  // "marketo.limits.max_queued", "exports[0].fields[2]"
  YAML::Node key;
  YAML::Node value;
};

// A map checked against its schema: entries holds the known keys, each once.
struct Section {
  std::string path;  // empty at the top level
  Position position;
  std::vector<Entry> entries;

  const Entry* find(std::string_view key) const;
};

class YamlReader {
 public:
  YamlReader(std::string source_name, std::string_view text, const Environment& env,
             std::filesystem::path base_dir, core::Timestamp now);

  void error(Position at, const std::string& message);
  void error(const Entry& at, const std::string& message);  // at the value, or its key if empty
  void error_at_key(const Entry& at, const std::string& message);
  void error_whole_file(const std::string& message);
  bool has_errors() const { return !errors_.empty(); }
  std::vector<std::string> take_errors();  // "FILE:LINE:COL: message", in file order

  Position position(const YAML::Node& node) const;
  Position position(const Entry& entry) const;

  // Reports a non-map, unknown keys (listing the allowed ones) and duplicate keys. An empty value
  // (`health:`) is an empty section.
  std::optional<Section> section(const Entry& entry,
                                 std::initializer_list<std::string_view> allowed);
  // A map whose keys are data (column_header_names): only duplicates are reported.
  std::optional<Section> free_map(const Entry& entry);
  // The items of a sequence; an empty value is an empty sequence.
  std::optional<std::vector<Entry>> sequence(const Entry& entry);

  const Entry* required(const Section& section, std::string_view key);
  // At most one of the keys; the second one present is reported.
  const Entry* one_of(const Section& section, std::string_view a, std::string_view b);

  // Scalars, after ${VAR} expansion. string() never echoes the value in its errors.
  std::optional<std::string> string(const Entry& entry);
  std::optional<std::string> non_empty_string(const Entry& entry);
  std::optional<std::int64_t> integer(const Entry& entry, std::int64_t min, std::int64_t max);
  // true / false only: YAML 1.1's yes / on / y are too easy to write by accident.
  std::optional<bool> boolean(const Entry& entry);
  std::optional<core::Seconds> duration(const Entry& entry, core::Seconds min, core::Seconds max);
  std::optional<std::uint64_t> size(const Entry& entry);
  std::optional<core::Timestamp> past_timestamp(const Entry& entry);
  std::optional<std::filesystem::path> path(const Entry& entry);  // absolute, resolved
  std::optional<std::filesystem::path> readable_file(const Entry& entry);
  // The content of the file named by entry, trailing newlines trimmed; never echoed.
  std::optional<std::string> secret_file(const Entry& entry);

  // Where character `offset` of the scalar's raw text lies in the file, when the scalar sits on
  // one line as written; otherwise the scalar's own position.
  Position position_in(const YAML::Node& scalar, std::size_t offset) const;
  // Whether the scalar's value equals its raw text (no expansion took place).
  bool unexpanded(const Entry& entry, const std::string& value) const;

 private:
  struct Message {
    Position at;
    bool whole_file;
    std::string text;
  };

  std::optional<std::string> expand(const Entry& entry);
  std::optional<std::string> file_contents(const Entry& entry, const std::filesystem::path& file);

  std::string source_name_;
  std::string_view text_;
  const Environment& env_;
  std::filesystem::path base_dir_;
  core::Timestamp now_;
  std::vector<Message> errors_;
};

}  // namespace msync::config::detail
