#include "integration/cli/run_process.hpp"

#include <fcntl.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>

extern char** environ;

namespace msync::cli_test {
namespace {

std::string slurp(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

std::string required_env(const char* name) {
  const char* value = std::getenv(name);
  if (value == nullptr)
    throw std::runtime_error(std::string(name) + " is not set (run through ctest)");
  return value;
}

}  // namespace

Outcome run_process(const std::vector<std::string>& argv,
                    const std::map<std::string, std::string>& extra_env,
                    const std::vector<std::string>& removed_env) {
  std::vector<std::string> env_strings;
  for (char** e = environ; *e != nullptr; ++e) {
    const std::string entry(*e);
    const std::string name = entry.substr(0, entry.find('='));
    if (extra_env.count(name) ||
        std::find(removed_env.begin(), removed_env.end(), name) != removed_env.end()) {
      continue;
    }
    env_strings.push_back(entry);
  }
  for (const auto& [name, value] : extra_env) env_strings.push_back(name + "=" + value);

  std::vector<char*> args;
  for (const auto& a : argv) args.push_back(const_cast<char*>(a.c_str()));
  args.push_back(nullptr);
  std::vector<char*> envp;
  for (const auto& e : env_strings) envp.push_back(const_cast<char*>(e.c_str()));
  envp.push_back(nullptr);

  std::string dir_template = (std::filesystem::temp_directory_path() / "cli_test.XXXXXX").string();
  if (::mkdtemp(dir_template.data()) == nullptr) throw std::runtime_error("mkdtemp failed");
  const std::string out_path = dir_template + "/out";
  const std::string err_path = dir_template + "/err";

  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, 1, out_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC,
                                   0600);
  posix_spawn_file_actions_addopen(&actions, 2, err_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC,
                                   0600);
  pid_t pid = 0;
  const int spawned = posix_spawn(&pid, args[0], &actions, nullptr, args.data(), envp.data());
  posix_spawn_file_actions_destroy(&actions);
  Outcome outcome;
  if (spawned == 0) {
    int status = 0;
    while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {
    }
    if (WIFEXITED(status)) outcome.exit_code = WEXITSTATUS(status);
    outcome.out = slurp(out_path);
    outcome.err = slurp(err_path);
  }
  std::filesystem::remove_all(dir_template);
  if (spawned != 0) throw std::runtime_error("cannot start " + argv.front());
  return outcome;
}

std::string syncd() { return required_env("MARKETO_SYNCD"); }

std::string source_dir() { return required_env("MSYNC_SOURCE_DIR"); }

}  // namespace msync::cli_test
