#include "staging_fault.hpp"

#include <sys/mount.h>

#include <cerrno>
#include <cstring>
#include <fstream>
#include <stdexcept>

namespace msync::fault_test {
namespace {

// A year of one sync stages ~400 KB: 64 KiB fills after a handful of windows.
constexpr const char* kSmall = "size=64k,mode=0750";
constexpr const char* kRoomy = "size=32m,mode=0750";

}  // namespace

StagingFault::StagingFault(StagingFaultKind kind, std::filesystem::path staging_dir, std::string sync)
    : dir_(std::move(staging_dir)) {
  std::filesystem::create_directories(dir_);
  const bool full = kind == StagingFaultKind::disk_full;
  if (::mount("tmpfs", dir_.c_str(), "tmpfs", 0, full ? kSmall : kRoomy) == 0) {
    mounted_ = true;
    if (full) {
      reason_ = std::strerror(ENOSPC);
      how_ = "a 64 KiB tmpfs mounted on staging_dir";
      return;
    }
    if (::mount("tmpfs", dir_.c_str(), "tmpfs", MS_REMOUNT | MS_RDONLY, kRoomy) != 0)
      throw std::runtime_error(std::string("remount read-only: ") + std::strerror(errno));
    reason_ = std::strerror(EROFS);
    how_ = "a tmpfs mounted read-only on staging_dir";
    return;
  }
  const int why = errno;
  blocker_ = dir_ / sync;
  std::ofstream(blocker_) << "in the way\n";
  reason_ = std::strerror(ENOTDIR);
  how_ = std::string("mounting is not permitted here (") + std::strerror(why) + "): a file stands where " +
         blocker_.string() + " belongs";
}

StagingFault::~StagingFault() {
  if (mounted_) ::umount2(dir_.c_str(), MNT_DETACH);
}

void StagingFault::repair() {
  if (!blocker_.empty()) {
    std::filesystem::remove(blocker_);
    return;
  }
  if (::mount("tmpfs", dir_.c_str(), "tmpfs", MS_REMOUNT, kRoomy) != 0)
    throw std::runtime_error(std::string("remount with room: ") + std::strerror(errno));
}

}  // namespace msync::fault_test
