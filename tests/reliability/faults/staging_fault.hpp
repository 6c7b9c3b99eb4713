#pragma once
// A staging directory that refuses writes, on a filesystem of the test's own: a small tmpfs that
// fills up, or one remounted read-only. Mounting needs root (CI runs as root); where it is not
// permitted, a regular file stands where the sync's folder belongs, so every write under it fails
// with ENOTDIR: still a real failure of the daemon's own writes, never a skipped test.
#include <filesystem>
#include <string>

namespace msync::fault_test {

enum class StagingFaultKind { disk_full, read_only };

class StagingFault {
 public:
  // staging_dir is created if missing; sync names the folder the fallback blocks.
  StagingFault(StagingFaultKind kind, std::filesystem::path staging_dir, std::string sync);
  ~StagingFault();  // unmounts (what it holds is the test's, not the daemon's)
  StagingFault(const StagingFault&) = delete;
  StagingFault& operator=(const StagingFault&) = delete;

  // The system's words for the failure the daemon must report (strerror text).
  const std::string& expected_reason() const { return reason_; }
  // How the fault is made, for the test's output.
  const std::string& how() const { return how_; }
  // Makes room / writable again; the files written so far stay.
  void repair();

 private:
  std::filesystem::path dir_;
  std::filesystem::path blocker_;  // the fallback's file
  bool mounted_ = false;
  std::string reason_, how_;
};

}  // namespace msync::fault_test
