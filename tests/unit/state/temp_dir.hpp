#pragma once
// The shared temp directory, with the path of the state database the store tests open in it.
#include <filesystem>

#include "support/temp_dir.hpp"

namespace msync::state::test {

class TempDir : public test_support::TempDir {
 public:
  std::filesystem::path db() const { return path() / "state.db"; }
};

}  // namespace msync::state::test
