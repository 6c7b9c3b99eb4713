#pragma once
// A fresh directory under the system temp dir, removed with everything in it at the end of a test.
#include <filesystem>

namespace msync::state::test {

class TempDir {
 public:
  TempDir();
  ~TempDir();
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;

  const std::filesystem::path& path() const { return path_; }
  std::filesystem::path db() const { return path_ / "state.db"; }

 private:
  std::filesystem::path path_;
};

}  // namespace msync::state::test
