#include <algorithm>
#include <array>
#include <limits>

#include "config/sections.hpp"

namespace msync::config::detail {
namespace {

constexpr core::Seconds max_window{31 * 86400};  // Marketo's limit for one createdAt/updatedAt span

void read_entity(YamlReader& reader, const Entry& entry, Entity& out) {
  auto text = reader.non_empty_string(entry);
  if (!text) return;
  if (*text == "leads") {
    out = Entity::leads;
    return;
  }
  reader.error(entry,
               entry.path + ": entity '" + *text + "' is not supported yet (supported: leads)");
}

void read_fields(YamlReader& reader, const Entry& entry, std::vector<std::string>& out) {
  auto items = reader.sequence(entry);
  if (!items) return;
  if (items->empty()) {
    reader.error(entry, entry.path + " must list at least one field");
    return;
  }
  for (const auto& item : *items) {
    auto field = reader.non_empty_string(item);
    if (!field) continue;
    if (std::find(out.begin(), out.end(), *field) != out.end()) {
      reader.error(item, item.path + ": duplicate field '" + *field + "'");
      continue;
    }
    out.push_back(*field);
  }
}

void read_column_headers(YamlReader& reader, const Entry& entry,
                         const std::vector<std::string>& fields,
                         std::map<std::string, std::string>& out) {
  auto map = reader.free_map(entry);
  if (!map) return;
  for (const auto& item : map->entries) {
    const std::string& field = item.key.Scalar();
    if (std::find(fields.begin(), fields.end(), field) == fields.end()) {
      reader.error_at_key(item, entry.path + ": '" + field + "' is not one of fields");
      continue;
    }
    if (auto header = reader.non_empty_string(item)) out[field] = *header;
  }
}

struct ListKey {
  std::string_view name;
  ListKind kind;
  bool numeric;
};

constexpr std::array<ListKey, 4> list_keys{{
    {"staticListName", ListKind::static_list_name, false},
    {"staticListId", ListKind::static_list_id, true},
    {"smartListId", ListKind::smart_list_id, true},
    {"smartListName", ListKind::smart_list_name, false},
}};

std::optional<ListFilter> read_list_filter(YamlReader& reader, const Entry& entry) {
  auto section = reader.section(
      entry, {list_keys[0].name, list_keys[1].name, list_keys[2].name, list_keys[3].name});
  if (!section) return std::nullopt;
  if (section->entries.empty()) {
    reader.error(entry, entry.path +
                            ": expected one of staticListName, staticListId, smartListId, "
                            "smartListName");
    return std::nullopt;
  }
  const Entry& chosen = section->entries.front();
  for (std::size_t i = 1; i < section->entries.size(); ++i) {
    reader.error_at_key(section->entries[i], entry.path + ": two filters (" + chosen.key.Scalar() +
                                                 " and " + section->entries[i].key.Scalar() +
                                                 "); a sync takes exactly one");
  }
  const auto& key = *std::find_if(list_keys.begin(), list_keys.end(),
                                  [&](const ListKey& k) { return k.name == chosen.key.Scalar(); });
  ListFilter filter;
  filter.kind = key.kind;
  if (key.numeric) {
    auto id = reader.integer(chosen, 1, std::numeric_limits<std::int64_t>::max());
    if (!id) return std::nullopt;
    filter.id = *id;
  } else {
    auto name = reader.non_empty_string(chosen);
    if (!name) return std::nullopt;
    filter.name = *name;
  }
  return filter;
}

void read_window(YamlReader& reader, const Section& section, WindowedFilter& filter) {
  if (auto* e = reader.required(section, "start")) {
    if (auto v = reader.past_timestamp(*e)) filter.start = *v;
  }
  if (auto* e = section.find("window")) {
    if (auto v = reader.duration(*e, core::Seconds{1}, max_window)) filter.window = *v;
  }
  if (auto* e = section.find("lag")) {
    if (auto v = reader.duration(*e, core::Seconds{0}, max_window)) filter.lag = *v;
  }
}

void read_filter(YamlReader& reader, const Section& section, Filter& out) {
  const Entry* entry = reader.required(section, "filter");
  if (entry && entry->value.IsMap()) {
    for (auto key : {"start", "window", "lag"}) {
      if (const Entry* e = section.find(key)) {
        reader.error_at_key(*e, e->path +
                                    " is not allowed with a list filter (a list is exported "
                                    "whole each time)");
      }
    }
    if (auto list = read_list_filter(reader, *entry)) out = *list;
    return;
  }
  auto name = entry ? reader.string(*entry) : std::nullopt;
  if (!name) return;
  WindowedFilter window;
  if (*name == "createdAt") {
    window.field = WindowField::created_at;
  } else if (*name == "updatedAt") {
    window.field = WindowField::updated_at;
  } else {
    reader.error(*entry, entry->path + ": unknown filter '" + *name +
                             "' (expected createdAt, updatedAt, or a map with one of "
                             "staticListName, staticListId, smartListId, smartListName)");
    return;
  }
  read_window(reader, section, window);
  out = window;
}

void read_cron(YamlReader& reader, const Entry& entry, std::optional<Cron>& out) {
  auto text = reader.non_empty_string(entry);
  if (!text) return;
  std::size_t column = 1;
  auto cron = Cron::parse(*text, &column);
  if (!cron) {
    const Position at = reader.unexpanded(entry, *text)
                            ? reader.position_in(entry.value, column - 1)
                            : reader.position(entry);
    reader.error(at, entry.path + ": bad cron expression '" + *text + "': " + cron.error().message);
    return;
  }
  out = std::move(cron.value());
}

void read_compression(YamlReader& reader, const Entry& entry, Compression& out) {
  auto text = reader.string(entry);
  if (!text) return;
  for (auto c : {Compression::none, Compression::gzip, Compression::zstd}) {
    if (*text == to_string(c)) {
      out = c;
      return;
    }
  }
  reader.error(entry, entry.path + ": unknown compression '" + *text + "' (expected none, gzip or zstd)");
}

void read_schedule(YamlReader& reader, const Section& section, Schedule& out) {
  reader.one_of(section, "every", "cron");
  if (auto* e = section.find("every")) {
    if (auto v = reader.duration(*e, core::Seconds{1}, core::Seconds{366 * 86400})) out.every = *v;
  }
  if (auto* e = section.find("cron")) read_cron(reader, *e, out.cron);
}

}  // namespace

void read_export(YamlReader& reader, const Entry& entry, ExportSync& out) {
  auto section = reader.section(entry, {"name", "entity", "fields", "column_header_names", "format",
                                        "compression", "filter", "start", "window", "lag", "every",
                                        "cron"});
  if (!section) return;
  if (auto* e = reader.required(*section, "name")) {
    if (auto v = read_sync_name(reader, *e)) out.name = *v;
  }
  if (auto* e = reader.required(*section, "entity")) read_entity(reader, *e, out.entity);
  if (auto* e = reader.required(*section, "fields")) read_fields(reader, *e, out.fields);
  if (auto* e = section->find("column_header_names")) {
    read_column_headers(reader, *e, out.fields, out.column_header_names);
  }
  if (auto* e = section->find("format")) {
    if (auto v = read_format(reader, *e)) out.format = *v;
  }
  if (auto* e = section->find("compression")) read_compression(reader, *e, out.compression);
  read_filter(reader, *section, out.filter);
  read_schedule(reader, *section, out.schedule);
}

}  // namespace msync::config::detail
