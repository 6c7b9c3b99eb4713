#include "support/fake_marketo.hpp"

#include <stdexcept>

#include "support/paths.hpp"

namespace msync::test_support {

FakeMarketo::FakeMarketo(std::vector<std::string> flags, const std::string& listen) {
  std::vector<std::string> argv{fake_marketo_binary(), "--listen", listen};
  argv.insert(argv.end(), flags.begin(), flags.end());
  std::string line;
  process_ = std::make_unique<ChildProcess>(ChildProcess::with_first_line(argv, line));
  const std::string prefix = "listening on ";
  if (!line.starts_with(prefix)) throw std::runtime_error("fake-marketo did not announce its URL: " + line);
  url_ = line.substr(prefix.size());
}

std::string FakeMarketo::expect(const std::vector<std::string>& data_flags, const std::string& fields,
                                const std::string& filter_json, const std::string& format,
                                const std::string& entity, const std::string& api_name) {
  std::vector<std::string> argv{fake_marketo_binary(), "expect"};
  argv.insert(argv.end(), data_flags.begin(), data_flags.end());
  argv.insert(argv.end(), {"--entity", entity, "--filter", filter_json, "--format", format});
  if (!fields.empty()) argv.insert(argv.end(), {"--fields", fields});
  if (!api_name.empty()) argv.insert(argv.end(), {"--api-name", api_name});
  auto result = run_to_completion(argv);
  if (result.exit_code != 0)
    throw std::runtime_error("fake-marketo expect failed (" + std::to_string(result.exit_code) + "): " + result.err);
  return result.out;
}

}  // namespace msync::test_support
