#pragma once
// Named places where a reliability test may have the process killed, to prove that a crash at
// the worst moment loses and repeats nothing. MSYNC_CRASH_AT=<name>[,<name>...] in the
// environment arms them; an armed place raises SIGKILL the first time it is reached (no cleanup,
// no flush: as kill -9 would). Unarmed, a crash point costs one flag test.
#include <string_view>

namespace msync::core {

void crash_point(std::string_view name);

}  // namespace msync::core
