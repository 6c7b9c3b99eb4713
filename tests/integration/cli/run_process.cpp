#include "integration/cli/run_process.hpp"

#include "support/child_process.hpp"
#include "support/paths.hpp"

namespace msync::cli_test {

Outcome run_process(const std::vector<std::string>& argv,
                    const std::map<std::string, std::string>& extra_env,
                    const std::vector<std::string>& removed_env) {
  const auto done = test_support::run_to_completion(argv, {extra_env, removed_env});
  return Outcome{done.exit_code, done.out, done.err};
}

std::string syncd() { return test_support::syncd_binary(); }

std::string source_dir() { return test_support::source_dir(); }

}  // namespace msync::cli_test
