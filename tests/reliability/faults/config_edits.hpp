#pragma once
// Small edits to the config.yaml that tests/integration/exports' ExportRun writes.
#include <filesystem>
#include <string>

namespace msync::fault_test {

// Adds `key: value` under marketo: (e.g. read_timeout: 2s).
void add_marketo_key(const std::filesystem::path& config, const std::string& key, const std::string& value);
// Every sync's `window:` (ExportRun writes 7d).
void set_window(const std::filesystem::path& config, const std::string& window);
// Appends one more entry to exports: (the last section ExportRun writes); `entry` starts "  - name:".
void add_export(const std::filesystem::path& config, const std::string& entry);

}  // namespace msync::fault_test
