#include "server/program_spec.hpp"

#include <charconv>

namespace fake {
namespace {

using msync::core::make_error;

std::string_view trimmed(std::string_view s) {
  const auto first = s.find_first_not_of(" \t");
  if (first == std::string_view::npos) return {};
  return s.substr(first, s.find_last_not_of(" \t") - first + 1);
}

}  // namespace

msync::core::Result<Programs::value_type> parse_program_spec(std::string_view text) {
  const auto fail = [&](const std::string& why) {
    return make_error("'" + std::string(text) + "': " + why + " (use ID:Status,Status,...)");
  };
  const auto colon = text.find(':');
  if (colon == std::string_view::npos) return fail("no ':' between the program id and its statuses");
  const std::string_view id_text = trimmed(text.substr(0, colon));
  std::int64_t id = 0;
  const auto [end, ec] = std::from_chars(id_text.data(), id_text.data() + id_text.size(), id);
  if (id_text.empty() || ec != std::errc{} || end != id_text.data() + id_text.size() || id <= 0)
    return fail("the program id must be a positive integer");
  std::vector<std::string> statuses;
  std::string_view rest = text.substr(colon + 1);
  while (true) {
    const auto comma = rest.find(',');
    const std::string_view status = trimmed(rest.substr(0, comma));
    if (status.empty()) return fail("every member status must be non-empty");
    statuses.emplace_back(status);
    if (comma == std::string_view::npos) break;
    rest.remove_prefix(comma + 1);
  }
  return Programs::value_type{id, std::move(statuses)};
}

msync::core::Result<Programs> parse_program_specs(const std::vector<std::string>& texts) {
  Programs programs;
  for (const auto& text : texts) {
    auto program = parse_program_spec(text);
    if (!program) return program.error();
    const std::int64_t id = program->first;
    if (!programs.insert(std::move(*program)).second)
      return make_error("'" + text + "': program " + std::to_string(id) + " is given twice");
  }
  return programs;
}

}  // namespace fake
