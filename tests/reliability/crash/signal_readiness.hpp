#pragma once
// Whether a process can take SIGTERM cleanly yet: it has blocked the signal or installed a handler
// for it (/proc/PID/status, SigBlk and SigCgt). Before that, SIGTERM's default action ends it, as
// it would any program still being loaded: the SIGTERM soak draws its moments from here on.
#include <sys/types.h>

#include <chrono>

namespace msync::crash_soak {

// Polls until the process blocks or catches SIGTERM; false if it has not within `deadline` or is gone.
bool wait_until_sigterm_is_handled(pid_t pid, std::chrono::milliseconds deadline);

}  // namespace msync::crash_soak
