#pragma once
// The state in one line, for systemd's STATUS= (what `systemctl status` shows), e.g.
// "2 syncs: 106 windows staged, 3 waiting, 2 jobs in flight (1 processing, 1 downloading);
//  0 imports in flight; today 12.3 MB exported in 250 calls".
#include <string>

#include "state/state.hpp"

namespace msync::daemon {

std::string status_line(const state::StatusSnapshot& snapshot);

}  // namespace msync::daemon
