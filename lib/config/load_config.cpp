#include <cstring>
#include <map>

#include "config/config.hpp"
#include "config/read_file.hpp"
#include "config/sections.hpp"
#include "config/yaml_documents.hpp"

namespace msync::config {
namespace {

using detail::Entry;
using detail::YamlReader;

// Sync names name folders and state rows: unique across exports and imports alike.
void check_unique_names(YamlReader& reader,
                        const std::vector<std::pair<std::string, Entry>>& names) {
  std::map<std::string, int> first_line;
  for (const auto& [name, entry] : names) {
    const int line = reader.position(entry).line;
    auto [it, inserted] = first_line.emplace(name, line);
    if (!inserted) {
      reader.error(entry, entry.path + ": duplicate sync name '" + name + "' (first used at line " +
                              std::to_string(it->second) + ")");
    }
  }
}

template <class Sync, class Read>
void read_syncs(YamlReader& reader, const Entry* entry, std::vector<Sync>& out, Read read,
                std::vector<std::pair<std::string, Entry>>& names) {
  if (!entry) return;
  auto items = reader.sequence(*entry);
  if (!items) return;
  for (const auto& item : *items) {
    Sync sync;
    read(reader, item, sync);
    out.push_back(std::move(sync));
    if (!item.value.IsMap() || out.back().name.empty()) continue;
    if (auto name = item.value["name"]; name.IsDefined()) {
      names.emplace_back(out.back().name, Entry{item.path + ".name", name, name});
    }
  }
}

void read_config(YamlReader& reader, const YAML::Node& root, Config& config) {
  auto top = reader.section(Entry{"", root, root},
                            {"marketo", "state_db", "staging_dir", "health", "exports", "imports"});
  if (!top) return;
  if (auto* e = reader.required(*top, "marketo")) detail::read_marketo(reader, *e, config.marketo);
  if (auto* e = reader.required(*top, "state_db")) {
    if (auto v = reader.path(*e)) config.state_db = *v;
  }
  if (auto* e = reader.required(*top, "staging_dir")) {
    if (auto v = reader.path(*e)) config.staging_dir = *v;
  }
  if (auto* e = top->find("health")) detail::read_health(reader, *e, config.health);
  std::vector<std::pair<std::string, Entry>> names;
  read_syncs(reader, top->find("exports"), config.exports, detail::read_export, names);
  read_syncs(reader, top->find("imports"), config.imports, detail::read_import, names);
  check_unique_names(reader, names);
}

}  // namespace

LoadResult parse_config(std::string_view yaml, const std::string& source_name,
                        const std::filesystem::path& base_dir, const Environment& env,
                        core::Timestamp now) {
  YamlReader reader(source_name, yaml, env, std::filesystem::absolute(base_dir), now);
  const detail::SingleDocument document = detail::read_single_document(yaml);
  if (document.syntax_error) {
    reader.error(document.error_at, *document.syntax_error);
    return reader.take_errors();
  }
  if (!document.root || document.root.IsNull()) {
    reader.error_whole_file(
        "the configuration is empty (expected a map with marketo, state_db, "
        "staging_dir, exports, ...)");
    return reader.take_errors();
  }
  if (document.second_document) {
    reader.error(*document.second_document, "only one YAML document is allowed");
  }
  Config config;
  read_config(reader, document.root, config);
  if (reader.has_errors()) return reader.take_errors();
  return config;
}

LoadResult load_config(const std::filesystem::path& path, const Environment& env,
                       core::Timestamp now) {
  auto text = detail::read_file(path, 16 << 20);
  if (auto* failure = std::get_if<int>(&text)) {
    return std::vector<std::string>{path.string() +
                                    ": cannot read the configuration: " + std::strerror(*failure)};
  }
  return parse_config(std::get<std::string>(text), path.string(),
                      std::filesystem::absolute(path).parent_path(), env, now);
}

}  // namespace msync::config
