#include "config/config.hpp"

namespace msync::config {
namespace {

std::string describe(const Filter& filter) {
  if (const auto* window = std::get_if<WindowedFilter>(&filter)) {
    return std::string(to_string(window->field)) + " from " + core::format_iso8601(window->start) +
           ", window " + core::format_duration(window->window) + ", lag " +
           core::format_duration(window->lag);
  }
  if (std::holds_alternative<ProgramsFilter>(filter)) return "programIds (snapshot)";
  const auto& list = std::get<ListFilter>(filter);
  const bool by_id = list.kind == ListKind::static_list_id || list.kind == ListKind::smart_list_id;
  return std::string(to_string(list.kind)) + " " +
         (by_id ? std::to_string(list.id) : "'" + list.name + "'") + " (snapshot)";
}

std::string describe(const Schedule& schedule) {
  if (schedule.cron) return "cron '" + schedule.cron->text() + "' UTC";
  return "every " + core::format_duration(schedule.every);
}

}  // namespace

std::vector<std::string> summarize(const Config& config) {
  std::vector<std::string> lines;
  for (const auto& sync : config.exports) {
    std::string entity(to_string(sync.entity));
    if (!sync.api_name.empty()) entity += " " + sync.api_name;
    if (!sync.program_ids.empty()) entity += " of " + std::to_string(sync.program_ids.size()) + " program(s)";
    lines.push_back("export " + sync.name + ": " + entity + " " +
                    describe(sync.filter) + ", " + std::to_string(sync.fields.size()) +
                    " fields, " + std::string(to_string(sync.format)) +
                    (sync.compression == Compression::none ? "" : " (" + std::string(to_string(sync.compression)) + ")") +
                    ", " + describe(sync.schedule));
  }
  for (const auto& sync : config.imports) {
    lines.push_back("import " + sync.name + ": program " + std::to_string(sync.program_id) +
                    " status '" + sync.program_member_status + "', " +
                    std::string(to_string(sync.format)) + " from " + sync.inbound_dir.string());
  }
  return lines;
}

}  // namespace msync::config
