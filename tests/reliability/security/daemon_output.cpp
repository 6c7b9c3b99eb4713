#include "reliability/security/daemon_output.hpp"

#include <fstream>
#include <regex>

#include "import_run.hpp"
#include "integration/operate/daemon_scenario.hpp"
#include "reliability/hostile/file_tree.hpp"

namespace msync::reliability {

namespace fs = std::filesystem;

void drop_members(const ShortRun& run, const std::string& name) {
  const fs::path temporary = run.inbound() / ("." + name + ".tmp");
  std::ofstream(temporary, std::ios::binary) << import_test::member_file(name.substr(0, name.find('.')), 20);
  fs::last_write_time(temporary, fs::file_time_type::clock::now() - std::chrono::minutes(1));
  fs::rename(temporary, run.inbound() / name);
}

std::uint16_t health_port(const fs::path& log, std::chrono::milliseconds deadline) {
  static const std::regex announced("health endpoint listening on http://127\\.0\\.0\\.1:([0-9]+)");
  std::uint16_t port = 0;
  operate_test::eventually(
      [&] {
        std::smatch match;
        const std::string text = read_bytes(log);
        if (!std::regex_search(text, match, announced)) return false;
        port = static_cast<std::uint16_t>(std::stoul(match[1]));
        return true;
      },
      deadline);
  return port;
}

}  // namespace msync::reliability
