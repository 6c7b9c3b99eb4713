#pragma once
// Where the binaries under test and the repository are: $FAKE_MARKETO, $MARKETO_SYNCD and
// $MSYNC_SOURCE_DIR when set, otherwise the paths this build compiled in.
#include <string>

namespace msync::test_support {

std::string fake_marketo_binary();
std::string syncd_binary();
std::string source_dir();

}  // namespace msync::test_support
