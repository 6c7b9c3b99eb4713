#pragma once
// check-config --online: what only Marketo can answer about a configuration that reads well,
// i.e. whether every export sync's fields exist in its entity's describe answer (leads, program
// members, a custom object), so that a misspelt field fails here and not in create.json at 3 am.
// Activities have no describe endpoint: their fields are checked against Marketo's fixed columns.
#include <optional>
#include <string>
#include <vector>

#include <boost/asio/awaitable.hpp>

#include "config/config.hpp"
#include "marketo/marketo.hpp"

namespace msync::daemon {

struct OnlineCheck {
  std::vector<std::string> checked;   // one line per sync: what its fields were checked against
  std::vector<std::string> problems;  // one per unknown field or object, naming the sync
  // A describe call that failed for a reason other than the configuration (Marketo unreachable,
  // credentials refused): the syncs after it were not checked.
  std::optional<marketo::Failure> failure;
};

boost::asio::awaitable<OnlineCheck> check_online(marketo::ImportApi& api, const config::Config& config);

}  // namespace msync::daemon
