#pragma once
// Where a stop landed, read from what the daemon left behind once it is gone: the states of its
// live export jobs and import batches in the state DB, and partial downloads on disk. A stop
// usually finds several things in flight; each is named once.
#include <filesystem>
#include <set>
#include <string>

namespace msync::crash_soak {

std::set<std::string> landing_of(const std::filesystem::path& state_db, const std::filesystem::path& staging_dir);

}  // namespace msync::crash_soak
