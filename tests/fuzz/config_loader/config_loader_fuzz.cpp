// Any bytes as the YAML configuration: loading never crashes, hangs or throws; a refusal is a list
// of "FILE:LINE:COL: ..." or "FILE: ..." messages that are safe for a log line; an accepted config
// is summarised (what start-up logs) without its client secret.
// Messages may quote any value the file holds, a ${SECRET} written into another key included; that
// the secret keys' own errors never echo their value is tested in tests/unit/config.
#include <cstdint>
#include <string>
#include <string_view>

#include "config/config.hpp"
#include "fuzz/fuzz_check.hpp"

namespace {

using namespace msync;
using fuzz::require;

constexpr std::string_view kSecret = "s3cr3t-from-the-environment";
const std::string kSource = "fuzz.yaml";

std::size_t occurrences(std::string_view text, std::string_view what) {
  std::size_t count = 0;
  for (auto at = text.find(what); at != std::string_view::npos; at = text.find(what, at + 1)) ++count;
  return count;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view yaml(reinterpret_cast<const char*>(data), size);
  static const config::MapEnvironment env({{"SECRET", std::string(kSecret)}, {"ID", "1001"}});
  const auto now = core::Timestamp(std::chrono::seconds(1'790'000'000));
  const config::LoadResult loaded = config::parse_config(yaml, kSource, "/nonexistent-base", env, now);
  if (loaded) {
    for (const auto& line : config::summarize(*loaded)) {
      require(fuzz::is_log_safe(line));
      // client_secret never shows; other values are shown as written, ${SECRET} or not.
      if (loaded->marketo.client_secret == kSecret && line.find(kSecret) != std::string::npos)
        require(yaml.find(kSecret) != std::string_view::npos || occurrences(yaml, "${SECRET}") > 1);
    }
    return 0;
  }
  require(!loaded.errors().empty());
  for (const auto& message : loaded.errors()) {
    require(fuzz::is_log_safe(message));
    require(std::string_view(message).substr(0, kSource.size() + 1) == kSource + ":");
  }
  return 0;
}
