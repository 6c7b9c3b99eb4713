#pragma once
// lib/config, the front door: the YAML configuration file → validated plain structs
// (settings.hpp). Nothing outside this folder sees YAML.
//
// Rules, beyond the schema in DESIGN.md ("Interfaces"):
// - Strict schema: an unknown or duplicated key is an error, as is a wrong type. Every problem is
//   reported, not just the first, each as "FILE:LINE:COL: message" (1-based; a value's position,
//   or its key's when the value is empty).
// - ${VAR} in any scalar value expands from the Environment; an undefined VAR is an error. "$$" is
//   a literal '$'; any other '$' stays as it is. Expansion happens before the value is interpreted
//   (program_id: ${ID} works). Keys are not expanded.
// - Secrets: client_id / client_secret, or client_id_file / client_secret_file (exactly one of each
//   pair), the latter read at load time (systemd LoadCredential=: ${CREDENTIALS_DIRECTORY}/name)
//   with one trailing newline trimmed. No message ever contains a secret value.
// - Relative paths (state_db, staging_dir, inbound_dir, ca_file, *_file) are resolved against the
//   directory holding the configuration file, so a config works from any working directory.
//   Loaded paths are absolute and lexically normal.
// - Validation is pure: `now` is a parameter (an export's start must not be after it) and files are
//   read only for *_file secrets and to check that ca_file is readable.
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "config/cron.hpp"
#include "config/environment.hpp"
#include "config/load_result.hpp"
#include "config/settings.hpp"
#include "core/core.hpp"

namespace msync::config {

// Reads and validates the file at path; messages name it as given.
LoadResult load_config(const std::filesystem::path& path, const Environment& env,
                       core::Timestamp now);

// The same from text: source_name stands for the file in messages, relative paths resolve against
// base_dir.
LoadResult parse_config(std::string_view yaml, const std::string& source_name,
                        const std::filesystem::path& base_dir, const Environment& env,
                        core::Timestamp now);

// One line per sync, for check-config and start-up logs (no secrets), e.g.
// "export leads_created: leads createdAt from 2024-01-01T00:00:00Z, window 7d, lag 15m, every 1h".
std::vector<std::string> summarize(const Config& config);

}  // namespace msync::config
