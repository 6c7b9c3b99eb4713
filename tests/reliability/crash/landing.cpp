#include "landing.hpp"

#include "state/state.hpp"

namespace msync::crash_soak {
namespace {

namespace fs = std::filesystem;

bool partial_download_on_disk(const fs::path& staging_dir) {
  std::error_code ec;
  for (const auto& sync : fs::directory_iterator(staging_dir, ec)) {
    for (const auto& file : fs::directory_iterator(sync.path() / ".tmp", ec)) {
      if (file.path().extension() == ".part" && file.is_regular_file(ec) && file.file_size(ec) > 0) return true;
    }
  }
  return false;
}

}  // namespace

std::set<std::string> landing_of(const fs::path& state_db, const fs::path& staging_dir) {
  if (!fs::exists(state_db)) return {"before the state DB existed"};
  auto store = state::Store::open_read_only(state_db);
  if (!store) return {"state DB unreadable: " + store.error().message};
  std::set<std::string> landed;
  if (auto jobs = store->live_jobs()) {
    for (const auto& live : *jobs) landed.insert("export job " + std::string(state::to_string(live.job.state)));
  }
  if (auto batches = store->live_import_batches()) {
    for (const auto& batch : *batches) landed.insert("import batch " + std::string(state::to_string(batch.state)));
  }
  if (partial_download_on_disk(staging_dir)) landed.insert("a .part file on disk");
  if (landed.empty()) landed.insert("nothing in flight");
  return landed;
}

}  // namespace msync::crash_soak
