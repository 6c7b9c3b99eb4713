#pragma once
// Runs a program to completion and captures what it printed: enough to test a CLI as its users
// see it (arguments, environment, exit code, stdout, stderr).
#include <map>
#include <string>
#include <vector>

namespace msync::cli_test {

struct Outcome {
  int exit_code = -1;  // -1 when it did not exit normally
  std::string out;
  std::string err;
};

// argv[0] is the program; extra_env is added to (and overrides) this process's environment, and
// removed names are dropped from it.
Outcome run_process(const std::vector<std::string>& argv,
                    const std::map<std::string, std::string>& extra_env = {},
                    const std::vector<std::string>& removed_env = {});

// The marketo-syncd under test ($MARKETO_SYNCD, set by msync_add_test).
std::string syncd();
// The repository root ($MSYNC_SOURCE_DIR).
std::string source_dir();

}  // namespace msync::cli_test
