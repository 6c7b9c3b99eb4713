#pragma once
// What marketo-syncd says about itself: `status --json` from the state, and its health endpoint
// (GET with curl, as an operator's probe would) while it runs.
#include <chrono>
#include <cstdint>
#include <filesystem>
#include <string>

#include <rapidjson/document.h>

namespace msync::fault_test {

// `marketo-syncd status --config CONFIG --json`, parsed; a gtest failure if it does not answer.
rapidjson::Document status_json(const std::filesystem::path& config);

// Asserts (gtest) that no window or job is left waiting, in flight or stopped by an error.
void expect_nothing_stuck(const std::filesystem::path& config);

struct Probe {
  unsigned status = 0;  // 0: no answer
  std::string body;
};
Probe http_get(std::uint16_t port, const std::string& path);

// The health port the daemon announced in its log, 0 if it did not before the deadline.
std::uint16_t health_port(const std::filesystem::path& daemon_log, std::chrono::seconds deadline);

std::string read_text(const std::filesystem::path& path);

}  // namespace msync::fault_test
