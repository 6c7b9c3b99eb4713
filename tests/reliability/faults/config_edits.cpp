#include "config_edits.hpp"

#include "daemon_probe.hpp"

#include <fstream>
#include <stdexcept>

namespace msync::fault_test {

void add_marketo_key(const std::filesystem::path& config, const std::string& key, const std::string& value) {
  std::string text = read_text(config);
  const std::string section = "marketo:\n";
  const auto at = text.find(section);
  if (at == std::string::npos) throw std::runtime_error(config.string() + " has no marketo: section");
  text.insert(at + section.size(), "  " + key + ": " + value + "\n");
  std::ofstream(config) << text;
}

void set_window(const std::filesystem::path& config, const std::string& window) {
  std::string text = read_text(config);
  const std::string key = "    window: ";
  for (auto at = text.find(key); at != std::string::npos; at = text.find(key, at + 1)) {
    const auto end = text.find('\n', at);
    text.replace(at + key.size(), end - at - key.size(), window);
  }
  std::ofstream(config) << text;
}

void add_export(const std::filesystem::path& config, const std::string& entry) {
  std::ofstream(config, std::ios::app) << entry;
}

}  // namespace msync::fault_test
