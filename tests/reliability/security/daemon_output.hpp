#pragma once
// Small steps the security tests share: drop a member file the way the contract asks, and find
// the health port a daemon announced in its log.
#include <chrono>
#include <cstdint>
#include <filesystem>
#include <string>

#include "reliability/hostile/short_run.hpp"

namespace msync::reliability {

// A 20-row member file written beside the inbound folder's entries as a dotfile, dated a minute
// back (settled), then renamed in.
void drop_members(const ShortRun& run, const std::string& name);

// The port of "health endpoint listening on http://127.0.0.1:PORT" in the log; 0 at the deadline.
std::uint16_t health_port(const std::filesystem::path& log,
                          std::chrono::milliseconds deadline = std::chrono::seconds(30));

}  // namespace msync::reliability
