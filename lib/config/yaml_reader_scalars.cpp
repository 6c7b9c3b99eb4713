// YamlReader's scalar converters: ${VAR} expansion, then strict parsing of each kind of value.
#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <charconv>
#include <cstring>

#include "config/read_file.hpp"
#include "config/yaml_reader.hpp"

namespace msync::config::detail {
namespace {

bool is_variable_name(std::string_view name) {
  if (name.empty() || std::isdigit(static_cast<unsigned char>(name[0]))) return false;
  return std::all_of(name.begin(), name.end(), [](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) || c == '_';
  });
}

}  // namespace

std::optional<std::string> YamlReader::expand(const Entry& entry) {
  const std::string& raw = entry.value.Scalar();
  std::string out;
  bool failed = false;
  for (std::size_t i = 0; i < raw.size(); ++i) {
    if (raw[i] != '$' || i + 1 == raw.size()) {
      out += raw[i];
    } else if (raw[i + 1] == '$') {
      out += '$';
      ++i;
    } else if (raw[i + 1] == '{') {
      const std::size_t close = raw.find('}', i + 2);
      const std::string name =
          close == std::string::npos ? std::string() : raw.substr(i + 2, close - i - 2);
      if (close == std::string::npos || !is_variable_name(name)) {
        error(position_in(entry.value, i),
              entry.path +
                  ": malformed ${...} (expected ${NAME} with NAME of letters, digits and _; "
                  "write $$ for a literal $)");
        failed = true;
        if (close == std::string::npos) break;
      } else if (auto value = env_.get(name)) {
        out += *value;
      } else {
        error(position_in(entry.value, i),
              entry.path + ": undefined environment variable '" + name + "'");
        failed = true;
      }
      if (close != std::string::npos) i = close;
    } else {
      out += raw[i];
    }
  }
  if (failed) return std::nullopt;
  return out;
}

std::optional<std::string> YamlReader::string(const Entry& entry) {
  if (!entry.value.IsDefined() || entry.value.IsNull()) {
    error(entry, entry.path + " is empty (expected a value)");
    return std::nullopt;
  }
  if (!entry.value.IsScalar()) {
    error(entry, entry.path + " must be a single value, not a " +
                     std::string(entry.value.IsMap() ? "map" : "list"));
    return std::nullopt;
  }
  return expand(entry);
}

std::optional<std::string> YamlReader::non_empty_string(const Entry& entry) {
  auto value = string(entry);
  if (value && value->empty()) {
    error(entry, entry.path + " must not be empty");
    return std::nullopt;
  }
  return value;
}

std::optional<std::int64_t> YamlReader::integer(const Entry& entry, std::int64_t min,
                                                std::int64_t max) {
  auto text = string(entry);
  if (!text) return std::nullopt;
  std::int64_t value = 0;
  const char* end = text->data() + text->size();
  auto [ptr, ec] = std::from_chars(text->data(), end, value);
  if (text->empty() || ec != std::errc{} || ptr != end) {
    error(entry, entry.path + ": expected an integer, got '" + *text + "'");
    return std::nullopt;
  }
  if (value < min || value > max) {
    error(entry, entry.path + ": " + *text + " is out of range (expected " + std::to_string(min) +
                     ".." + std::to_string(max) + ")");
    return std::nullopt;
  }
  return value;
}

std::optional<bool> YamlReader::boolean(const Entry& entry) {
  auto text = string(entry);
  if (!text) return std::nullopt;
  if (*text == "true") return true;
  if (*text == "false") return false;
  error(entry, entry.path + ": expected true or false, got '" + *text + "'");
  return std::nullopt;
}

std::optional<core::Seconds> YamlReader::duration(const Entry& entry, core::Seconds min,
                                                  core::Seconds max) {
  auto text = string(entry);
  if (!text) return std::nullopt;
  auto value = core::parse_duration(*text);
  if (!value) {
    error(entry, entry.path + ": bad duration '" + *text +
                     "' (expected an integer and a unit s, m, h or d, e.g. 90s, 15m, 1h, 7d)");
    return std::nullopt;
  }
  if (*value < min || *value > max) {
    error(entry, entry.path + ": " + *text + " is out of range (expected " +
                     core::format_duration(min) + ".." + core::format_duration(max) + ")");
    return std::nullopt;
  }
  return value;
}

std::optional<std::uint64_t> YamlReader::size(const Entry& entry) {
  auto text = string(entry);
  if (!text) return std::nullopt;
  auto value = core::parse_size(*text);
  if (!value || *value == 0) {
    error(
        entry,
        entry.path + ": bad size '" + *text +
            "' (expected a positive integer and a unit B, KB, MB, GB, KiB, MiB, GiB, e.g. 500MB)");
    return std::nullopt;
  }
  return value;
}

std::optional<core::Timestamp> YamlReader::past_timestamp(const Entry& entry) {
  auto text = string(entry);
  if (!text) return std::nullopt;
  auto value = core::parse_iso8601(*text);
  if (!value) {
    error(entry, entry.path + ": bad timestamp '" + *text +
                     "' (expected ISO-8601 such as 2024-01-01T00:00:00Z)");
    return std::nullopt;
  }
  if (*value > now_) {
    error(entry, entry.path + ": " + *text + " is in the future (now is " +
                     core::format_iso8601(now_) + ")");
    return std::nullopt;
  }
  return value;
}

std::optional<std::filesystem::path> YamlReader::path(const Entry& entry) {
  auto text = non_empty_string(entry);
  if (!text) return std::nullopt;
  std::filesystem::path value(*text);
  if (value.is_relative()) value = base_dir_ / value;
  return value.lexically_normal();
}

std::optional<std::string> YamlReader::file_contents(const Entry& entry,
                                                     const std::filesystem::path& file) {
  // A credential is small; a huge file here is a mistake, not a secret.
  auto content = detail::read_file(file, 1 << 20);
  if (auto* failure = std::get_if<int>(&content)) {
    error(entry, entry.path + ": cannot read '" + file.string() + "': " + std::strerror(*failure));
    return std::nullopt;
  }
  return std::get<std::string>(std::move(content));
}

std::optional<std::filesystem::path> YamlReader::readable_file(const Entry& entry) {
  auto file = path(entry);
  if (!file) return std::nullopt;
  const int fd = ::open(file->c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) {
    error(entry, entry.path + ": cannot read '" + file->string() + "': " + std::strerror(errno));
    return std::nullopt;
  }
  ::close(fd);
  return file;
}

std::optional<std::string> YamlReader::secret_file(const Entry& entry) {
  auto file = path(entry);
  if (!file) return std::nullopt;
  auto content = file_contents(entry, *file);
  if (!content) return std::nullopt;
  while (!content->empty() && (content->back() == '\n' || content->back() == '\r'))
    content->pop_back();
  if (content->empty()) {
    error(entry, entry.path + ": '" + file->string() + "' is empty");
    return std::nullopt;
  }
  return content;
}

}  // namespace msync::config::detail
