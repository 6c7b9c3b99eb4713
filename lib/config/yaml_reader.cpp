#include "config/yaml_reader.hpp"

#include <algorithm>

namespace msync::config::detail {
namespace {

std::string join(std::initializer_list<std::string_view> names) {
  std::string out;
  for (auto name : names) {
    if (!out.empty()) out += ", ";
    out += name;
  }
  return out;
}

// Messages quote what the file holds, and a log line or a terminal must not receive its control
// bytes (a NUL, an escape sequence, a newline that forges a second line): they are shown as \xNN.
std::string log_safe(const std::string& message) {
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out;
  out.reserve(message.size());
  for (const unsigned char c : message) {
    if (c >= 0x20 && c != 0x7f) {
      out += static_cast<char>(c);
    } else {
      out += "\\x";
      out += kHex[c >> 4];
      out += kHex[c & 0xf];
    }
  }
  return out;
}

std::string in_path(const std::string& path) {
  return path.empty() ? "at the top level" : "in " + path;
}

}  // namespace

const Entry* Section::find(std::string_view key) const {
  for (const auto& entry : entries) {
    if (entry.key.Scalar() == key) return &entry;
  }
  return nullptr;
}

YamlReader::YamlReader(std::string source_name, std::string_view text, const Environment& env,
                       std::filesystem::path base_dir, core::Timestamp now)
    : source_name_(std::move(source_name)),
      text_(text),
      env_(env),
      base_dir_(std::move(base_dir)),
      now_(now) {}

void YamlReader::error(Position at, const std::string& message) {
  errors_.push_back({at, false, message});
}

void YamlReader::error(const Entry& at, const std::string& message) {
  error(position(at), message);
}

void YamlReader::error_at_key(const Entry& at, const std::string& message) {
  error(position(at.key), message);
}

void YamlReader::error_whole_file(const std::string& message) {
  errors_.push_back({{0, 0}, true, message});
}

std::vector<std::string> YamlReader::take_errors() {
  std::stable_sort(errors_.begin(), errors_.end(), [](const Message& a, const Message& b) {
    return std::pair(a.at.line, a.at.column) < std::pair(b.at.line, b.at.column);
  });
  std::vector<std::string> out;
  for (const auto& e : errors_) {
    if (e.whole_file) {
      out.push_back(log_safe(source_name_ + ": " + e.text));
    } else {
      out.push_back(log_safe(source_name_ + ":" + std::to_string(e.at.line) + ":" +
                             std::to_string(e.at.column) + ": " + e.text));
    }
  }
  errors_.clear();
  return out;
}

Position YamlReader::position(const YAML::Node& node) const {
  const YAML::Mark mark = node.Mark();
  if (mark.is_null() || mark.line < 0) return {1, 1};
  return {mark.line + 1, mark.column + 1};
}

Position YamlReader::position(const Entry& entry) const {
  // yaml-cpp places an empty value at the next token, often on the following line.
  if (!entry.value.IsDefined() || entry.value.IsNull()) return position(entry.key);
  return position(entry.value);
}

Position YamlReader::position_in(const YAML::Node& scalar, std::size_t offset) const {
  const YAML::Mark mark = scalar.Mark();
  const Position start = position(scalar);
  if (mark.is_null() || !scalar.IsScalar()) return start;
  std::size_t pos = std::size_t(mark.pos);
  std::size_t skip = 0;
  if (pos < text_.size() && (text_[pos] == '"' || text_[pos] == '\'')) skip = 1;
  const std::string& raw = scalar.Scalar();
  if (raw.find('\n') != std::string::npos || text_.substr(pos + skip, raw.size()) != raw) {
    return start;
  }
  return {start.line, start.column + int(skip + offset)};
}

bool YamlReader::unexpanded(const Entry& entry, const std::string& value) const {
  return entry.value.IsScalar() && entry.value.Scalar() == value;
}

std::optional<Section> YamlReader::section(const Entry& entry,
                                           std::initializer_list<std::string_view> allowed) {
  auto map = free_map(entry);
  if (!map) return std::nullopt;
  std::vector<Entry> known;
  for (auto& item : map->entries) {
    const std::string& key = item.key.Scalar();
    if (std::find(allowed.begin(), allowed.end(), key) == allowed.end()) {
      error_at_key(item, "unknown key '" + key + "' " + in_path(map->path) +
                             " (expected one of: " + join(allowed) + ")");
    } else {
      known.push_back(std::move(item));
    }
  }
  map->entries = std::move(known);
  return map;
}

std::optional<Section> YamlReader::free_map(const Entry& entry) {
  Section section{entry.path, position(entry), {}};
  if (!entry.value.IsDefined() || entry.value.IsNull()) return section;
  if (!entry.value.IsMap()) {
    error(entry, (entry.path.empty() ? std::string("the configuration") : entry.path) +
                     " must be a map of key: value");
    return std::nullopt;
  }
  section.position = position(entry.value);
  for (auto it = entry.value.begin(); it != entry.value.end(); ++it) {
    // Copies: the iterator hands out a temporary pair.
    const YAML::Node key = it->first;
    if (!key.IsScalar()) {
      error(position(key), "keys " + in_path(entry.path) + " must be plain names");
      continue;
    }
    const std::string path = entry.path.empty() ? key.Scalar() : entry.path + "." + key.Scalar();
    if (const Entry* first = section.find(key.Scalar())) {
      error(position(key), "duplicate key '" + key.Scalar() + "' " + in_path(entry.path) +
                               " (first at line " + std::to_string(position(first->key).line) +
                               ")");
      continue;
    }
    section.entries.push_back({path, key, it->second});
  }
  return section;
}

std::optional<std::vector<Entry>> YamlReader::sequence(const Entry& entry) {
  std::vector<Entry> items;
  if (!entry.value.IsDefined() || entry.value.IsNull()) return items;
  if (!entry.value.IsSequence()) {
    error(entry, entry.path + " must be a list");
    return std::nullopt;
  }
  std::size_t index = 0;
  for (const auto& item : entry.value) {
    items.push_back({entry.path + "[" + std::to_string(index++) + "]", item, item});
  }
  return items;
}

const Entry* YamlReader::required(const Section& section, std::string_view key) {
  const Entry* entry = section.find(key);
  if (!entry)
    error(section.position, "missing key '" + std::string(key) + "' " + in_path(section.path));
  return entry;
}

const Entry* YamlReader::one_of(const Section& section, std::string_view a, std::string_view b) {
  const Entry* first = section.find(a);
  const Entry* second = section.find(b);
  if (first && second) {
    const Position a_at = position(first->key);
    const Position b_at = position(second->key);
    const bool b_later = std::pair(a_at.line, a_at.column) < std::pair(b_at.line, b_at.column);
    const Entry* later = b_later ? second : first;
    error_at_key(*later, "give either " + std::string(a) + " or " + std::string(b) + " " +
                             in_path(section.path) + ", not both");
  }
  return first ? first : second;
}

}  // namespace msync::config::detail
