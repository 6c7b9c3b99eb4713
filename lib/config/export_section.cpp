#include <algorithm>
#include <array>
#include <limits>

#include "config/sections.hpp"

namespace msync::config::detail {
namespace {

constexpr core::Seconds max_window{31 * 86400};  // Marketo's limit for one createdAt/updatedAt span

bool read_entity(YamlReader& reader, const Entry& entry, Entity& out) {
  auto text = reader.non_empty_string(entry);
  if (!text) return false;
  if (auto entity = parse_entity(*text)) {
    out = *entity;
    return true;
  }
  reader.error(entry, entry.path + ": unknown entity '" + *text +
                          "' (expected leads, activities, program_members or custom_objects)");
  return false;
}

void read_ids(YamlReader& reader, const Entry& entry, std::vector<std::int64_t>& out) {
  auto items = reader.sequence(entry);
  if (!items) return;
  if (items->empty()) {
    reader.error(entry, entry.path + " must list at least one id");
    return;
  }
  for (const auto& item : *items) {
    auto id = reader.integer(item, 1, std::numeric_limits<std::int32_t>::max());
    if (!id) continue;
    if (std::find(out.begin(), out.end(), *id) != out.end()) {
      reader.error(item, item.path + ": duplicate id " + std::to_string(*id));
      continue;
    }
    out.push_back(*id);
  }
}

void read_api_name(YamlReader& reader, const Entry& entry, std::string& out) {
  auto name = reader.non_empty_string(entry);
  if (!name) return;
  const bool valid = name->size() <= 64 && std::all_of(name->begin(), name->end(), [](char c) {
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_';
  });
  if (!valid) {
    reader.error(entry, entry.path + ": '" + *name + "' is not a custom object API name (1..64 of [A-Za-z0-9_])");
    return;
  }
  out = *name;
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

// A snapshot filter has no windows: start, window and lag are errors at their keys.
void refuse_window_keys(YamlReader& reader, const Section& section, const std::string& with) {
  for (auto key : {"start", "window", "lag"}) {
    if (const Entry* e = section.find(key)) reader.error_at_key(*e, e->path + " is not allowed with " + with);
  }
}

bool read_filter(YamlReader& reader, const Section& section, Filter& out) {
  const Entry* entry = reader.required(section, "filter");
  if (entry && entry->value.IsMap()) {
    refuse_window_keys(reader, section, "a list filter (a list is exported whole each time)");
    auto list = read_list_filter(reader, *entry);
    if (list) out = *list;
    return list.has_value();
  }
  auto name = entry ? reader.string(*entry) : std::nullopt;
  if (!name) return false;
  if (*name == "programIds") {
    refuse_window_keys(reader, section, "filter programIds (the programs are exported whole each time)");
    out = ProgramsFilter{};
    return true;
  }
  WindowedFilter window;
  if (*name == "createdAt") {
    window.field = WindowField::created_at;
  } else if (*name == "updatedAt") {
    window.field = WindowField::updated_at;
  } else {
    reader.error(*entry, entry->path + ": unknown filter '" + *name +
                             "' (expected createdAt, updatedAt, programIds, or a map with one of "
                             "staticListName, staticListId, smartListId, smartListName)");
    return false;
  }
  read_window(reader, section, window);
  out = window;
  return true;
}

std::string filter_name(const Filter& filter) {
  if (const auto* window = std::get_if<WindowedFilter>(&filter)) return std::string(to_string(window->field));
  if (const auto* list = std::get_if<ListFilter>(&filter)) return std::string(to_string(list->kind));
  return "programIds";
}

// Which filters each entity takes (Marketo's Export*Filter), and the keys only one entity has.
bool entity_takes(Entity entity, const Filter& filter) {
  const auto* window = std::get_if<WindowedFilter>(&filter);
  switch (entity) {
    case Entity::leads: return !std::holds_alternative<ProgramsFilter>(filter);
    case Entity::activities: return window && window->field == WindowField::created_at;
    case Entity::program_members:
      return std::holds_alternative<ProgramsFilter>(filter) ||
             (window && window->field == WindowField::updated_at);
    case Entity::custom_objects:
      return std::holds_alternative<ListFilter>(filter) ||
             (window && window->field == WindowField::updated_at);
  }
  return false;
}

std::string_view filters_of(Entity entity) {
  switch (entity) {
    case Entity::leads: return "createdAt, updatedAt or a list";
    case Entity::activities: return "createdAt";
    case Entity::program_members: return "programIds or updatedAt";
    case Entity::custom_objects: return "updatedAt or a list";
  }
  return "";
}

void only_for(YamlReader& reader, const Section& section, const ExportSync& out, std::string_view key,
              Entity owner) {
  const Entry* e = section.find(key);
  if (e && out.entity != owner)
    reader.error_at_key(*e, e->path + " is only for entity " + std::string(to_string(owner)) + ", not " +
                                std::string(to_string(out.entity)));
}

// entity_read: the entity is known (else the keys that depend on it cannot be judged).
void read_entity_keys(YamlReader& reader, const Section& section, bool entity_read,
                      bool filter_read, ExportSync& out) {
  if (!entity_read) return;
  only_for(reader, section, out, "api_name", Entity::custom_objects);
  only_for(reader, section, out, "activity_type_ids", Entity::activities);
  only_for(reader, section, out, "primary_attribute_value_ids", Entity::activities);
  only_for(reader, section, out, "program_ids", Entity::program_members);
  if (out.entity == Entity::custom_objects) {
    if (auto* e = reader.required(section, "api_name")) read_api_name(reader, *e, out.api_name);
  }
  if (out.entity == Entity::activities) {
    if (auto* e = section.find("activity_type_ids")) read_ids(reader, *e, out.activity_type_ids);
    if (auto* e = section.find("primary_attribute_value_ids")) read_ids(reader, *e, out.primary_attribute_value_ids);
  }
  if (out.entity == Entity::program_members) {
    if (auto* e = reader.required(section, "program_ids")) read_ids(reader, *e, out.program_ids);
  }
  const Entry* filter = section.find("filter");
  if (filter && filter_read && !entity_takes(out.entity, out.filter)) {
    reader.error(*filter, filter->path + ": entity " + std::string(to_string(out.entity)) + " takes " +
                              std::string(filters_of(out.entity)) + ", not " + filter_name(out.filter));
  }
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
  auto section = reader.section(entry, {"name", "entity", "api_name", "fields", "column_header_names",
                                        "format", "compression", "filter", "activity_type_ids",
                                        "primary_attribute_value_ids", "program_ids", "start", "window",
                                        "lag", "every", "cron"});
  if (!section) return;
  if (auto* e = reader.required(*section, "name")) {
    if (auto v = read_sync_name(reader, *e)) out.name = *v;
  }
  const Entry* entity = reader.required(*section, "entity");
  const bool entity_read = entity && read_entity(reader, *entity, out.entity);
  // Activities have fixed columns: a sync that names none exports them all.
  if (out.entity == Entity::activities && !section->find("fields")) {
    out.fields = activity_columns();
  } else if (auto* e = reader.required(*section, "fields")) {
    read_fields(reader, *e, out.fields);
  }
  if (auto* e = section->find("column_header_names")) {
    read_column_headers(reader, *e, out.fields, out.column_header_names);
  }
  if (auto* e = section->find("format")) {
    if (auto v = read_format(reader, *e)) out.format = *v;
  }
  if (auto* e = section->find("compression")) read_compression(reader, *e, out.compression);
  const bool filter_read = read_filter(reader, *section, out.filter);
  read_entity_keys(reader, *section, entity_read, filter_read, out);
  read_schedule(reader, *section, out.schedule);
}

}  // namespace msync::config::detail
