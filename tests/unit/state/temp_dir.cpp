#include "temp_dir.hpp"

#include <cstdlib>
#include <stdexcept>
#include <string>

namespace msync::state::test {

TempDir::TempDir() {
  std::string pattern = (std::filesystem::temp_directory_path() / "msync-state-XXXXXX").string();
  if (::mkdtemp(pattern.data()) == nullptr) throw std::runtime_error("mkdtemp failed");
  path_ = pattern;
}

TempDir::~TempDir() {
  std::error_code ignored;
  std::filesystem::remove_all(path_, ignored);
}

}  // namespace msync::state::test
