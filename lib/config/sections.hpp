#pragma once
// Internal to lib/config: one reader per part of the file. Each records its errors in the
// YamlReader and fills what it could read.
#include "config/settings.hpp"
#include "config/yaml_reader.hpp"

namespace msync::config::detail {

void read_marketo(YamlReader& reader, const Entry& entry, MarketoSettings& out);
void read_health(YamlReader& reader, const Entry& entry, HealthSettings& out);
void read_export(YamlReader& reader, const Entry& entry, ExportSync& out);
void read_import(YamlReader& reader, const Entry& entry, ImportSync& out);

// Shared by exports and imports.
std::optional<std::string> read_sync_name(YamlReader& reader, const Entry& entry);
std::optional<Format> read_format(YamlReader& reader, const Entry& entry);

}  // namespace msync::config::detail
